// The proxy agent of the Node transport (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), made so that a proxy that hangs up
// cannot keep it busy. undici's client treats a connection that closes before a request ran (UND_ERR_SOCKET,
// "other side closed") as recoverable and connects again at once, for as long as a request waits; when the
// proxy is what closes, accepting a CONNECT and closing with FIN every time, that is thousands of CONNECTs a
// second at full CPU, during the call and after it, and a CLI that never exits. Here an error raised while
// opening the tunnel fails the waiting request instead (undici fails every queued request on a connect error it
// does not count as recoverable, as it does for its own SecureProxyConnectionError): one CONNECT per attempt, the
// attempt a ConnectionError the retry policy counts as not sent, since no byte reached the API.
import { Client, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';

/** The `code` of the error a request gets when the proxy closed the tunnel before it opened. */
export const PROXY_TUNNEL_CLOSED = 'ATAI_PROXY_TUNNEL_CLOSED';

// undici's connector: `(options, callback)`, as Pool and Client take it.
type Connector = (options: object, callback: (error: (Error & { code?: unknown }) | null, socket: unknown) => void) => void;

/** The proxy agent for the proxy variables of the environment, read now. Never throws for a set variable. */
export function createProxyAgent(): Dispatcher {
  return new EnvHttpProxyAgent({ factory: poolFactory });
}

// undici's own default (a Client for one connection, else a Pool), with the tunnel's connector wrapped.
function poolFactory(origin: URL | string, options: { connect?: unknown; connections?: number | null }): Dispatcher {
  const connect = typeof options.connect === 'function' ? hangUpFails(options.connect as Connector) : options.connect;
  const settings = { ...options, connect } as Pool.Options;
  return options.connections === 1 ? new Client(origin, settings) : new Pool(origin, settings);
}

/** `connect` with the errors undici would retry at once (the proxy closed the socket) turned into final ones. */
function hangUpFails(connect: Connector): Connector {
  return (options, callback) => {
    connect(options, (error, socket) => {
      const code = error?.code;
      if (error && (code === 'UND_ERR_SOCKET' || code === 'UND_ERR_INFO')) {
        callback(Object.assign(new Error(`the proxy closed the connection before the tunnel was open (${error.message})`), { code: PROXY_TUNNEL_CLOSED }), socket);
      } else callback(error, socket);
    });
  };
}
