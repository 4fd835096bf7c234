// The proxy agent of the Node transport (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), made so that a proxy that hangs up
// cannot keep it busy. undici's client treats a connection that closes before a request ran (UND_ERR_SOCKET,
// "other side closed") as recoverable and connects again at once, for as long as a request waits; when the
// proxy is what closes, accepting a CONNECT and closing with FIN every time, that is thousands of CONNECTs a
// second at full CPU, during the call and after it, and a CLI that never exits. Here an error raised while
// opening the tunnel fails the waiting request instead (undici fails every queued request on a connect error it
// does not count as recoverable, as it does for its own SecureProxyConnectionError): one CONNECT per attempt, the
// attempt a ConnectionError the retry policy counts as not sent, since no byte reached the API.
import { Client, EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';
import { PROXY_TUNNEL_CLOSED } from './exchange.js';

// undici's connector: `(options, callback)`, as Pool and Client take it.
type Connector = (options: object, callback: (error: (Error & { code?: unknown }) | null, socket: unknown) => void) => void;

/** One use of the proxy agent, by one exchange. */
export interface ProxyLease {
  readonly dispatcher: Dispatcher;
  /** Ends the use; `failed` when the exchange threw or was stopped (an abort, a timeout). Once only. Never throws. */
  end(failed: boolean): void;
}

/**
 * Lends the proxy agent to exchanges. An exchange that fails retires the agent it used: later exchanges get a new
 * one, and the retired agent is destroyed as soon as no exchange uses it any more, closing whatever that failure
 * left open. A proxy that never answers a CONNECT holds that connection open, and undici neither ends it nor
 * settles the request when the request is aborted; the socket kept the CLI alive after it had reported its
 * timeout. Exchanges running at the time finish on the agent they began with. Never throws.
 */
export function proxyLender(): () => ProxyLease {
  let current: { agent: Dispatcher; uses: number; retired: boolean } | undefined;
  return () => {
    const generation = (current ??= { agent: createProxyAgent(), uses: 0, retired: false });
    generation.uses++;
    let ended = false;
    return {
      dispatcher: generation.agent,
      end(failed) {
        if (ended) return;
        ended = true;
        generation.uses--;
        if (failed && !generation.retired) {
          generation.retired = true;
          if (current === generation) current = undefined;
        }
        if (generation.retired && generation.uses === 0) generation.agent.destroy().catch(() => undefined);
      },
    };
  };
}

/** The proxy agent for the proxy variables of the environment, read now. Never throws for a set variable. */
function createProxyAgent(): Dispatcher {
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
