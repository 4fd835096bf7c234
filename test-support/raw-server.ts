// A loopback HTTP/1.1 server that answers with exact bytes: any status (000 to 999), any framing (Content-Length,
// chunked, neither, wrong), duplicate or huge headers, bodies cut short. node:http would refuse to write most of
// these, which are exactly the answers a proxy or a broken server sends and a client must survive.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** What the server does with one request: write these bytes and close, or drive the socket itself. */
export type RawAnswer = Uint8Array | string | ((socket: Socket) => void);

/** One request as the server saw it. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** A running raw server. */
export interface RawServer {
  url: string;
  /** Every request so far, oldest first. */
  seen: RawRequest[];
  /** Sets what the next requests get, from the request. */
  answer(choose: (request: RawRequest) => RawAnswer): void;
  close(): Promise<void>;
}

/** Starts a raw server on 127.0.0.1 on a free port. It answers 500 until told otherwise. */
export async function startRawServer(): Promise<RawServer> {
  let choose: (request: RawRequest) => RawAnswer = () => 'HTTP/1.1 500 Unset\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';
  const seen: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [line = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const header of lines) {
        const colon = header.indexOf(':');
        headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (buffered.length < end + 4 + length) return;
      socket.off('data', onData);
      const [method = '', path = ''] = line.split(' ');
      const request = { method, path, headers };
      seen.push(request);
      const answer = choose(request);
      if (typeof answer === 'function') answer(socket);
      else socket.end(answer);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer: (next) => (choose = next),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The bytes of an answer: status line, headers as given (duplicates allowed), blank line, body. */
export function rawAnswer(status: number | string, headers: [string, string][], body: Uint8Array | string = ''): Buffer {
  const head = `HTTP/1.1 ${status} Reason\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), typeof body === 'string' ? Buffer.from(body) : body]);
}

/** `body` in chunked transfer coding, in pieces of `size` bytes. */
export function chunked(body: Uint8Array, size = 7): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const piece = body.subarray(at, at + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), Buffer.from(piece), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
