// What a forward proxy does with a CONNECT it accepts, for the tests that put one between the client and an API.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Opens the tunnel `request` asks for (`host:port`) on `client`, the proxy's socket, and pipes both ways until either closes. */
export function openTunnel(request: IncomingMessage, client: Socket): void {
  const [host, port] = (request.url ?? '').split(':');
  const upstream = connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
}
