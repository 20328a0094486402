/**
 * A real HTTP proxy on loopback for tests: forwards absolute-URI requests (plain http) and
 * tunnels CONNECT (what hpagent sends for http and https targets alike), counting what passes.
 * Names it is told about (and any `*.invalid`) resolve only here, to 127.0.0.1: a client that
 * reaches such a host did it through this proxy.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  port: number;
  /** CONNECT requests received (tunnels opened), and the targets asked for. */
  connects: number;
  targets: string[];
  /** HTTP requests seen: absolute-URI ones plus the request lines read inside plain-http tunnels. */
  requests: number;
  /** Every Proxy-Authorization header received. */
  authorizations: string[];
  /**
   * One request per tunnel (`Connection: close` is put in each request, so the server closes
   * after answering and the client opens a new tunnel), and every CONNECT from the n-th on
   * (1-based, counted since reset) answered 502: a proxy that fails in the middle of a run.
   */
  oneRequestPerTunnel: boolean;
  refuseConnectsFrom?: number;
  /** Answers 407 unless Proxy-Authorization is Basic user:password; undefined: no authentication. */
  requireAuth(user: string | undefined, password?: string): void;
  reset(): void;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n\r\n|\n)(?:GET|POST|PUT|DELETE|HEAD|PATCH) \/\S* HTTP\/1\.[01]\r\n/g;

export async function startProxy(): Promise<TestProxy> {
  let auth: string | undefined;
  const sockets = new Set<Socket>();
  const resolveName = (host: string) => (host.endsWith('.invalid') ? '127.0.0.1' : host);
  const authorised = (req: IncomingMessage) => {
    const h = req.headers['proxy-authorization'];
    if (h) state.authorizations.push(h);
    return auth === undefined || h === auth;
  };
  const server: Server = createServer((req, res) => {
    // A forward-proxy request: `GET http://host:port/path HTTP/1.1`.
    state.requests++;
    if (!authorised(req)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const up = httpRequest({ host: resolveName(target.hostname), port: target.port || 80, path: target.pathname + target.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    state.connects++;
    state.targets.push(req.url ?? '');
    if (!authorised(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (state.refuseConnectsFrom !== undefined && state.connects >= state.refuseConnectsFrom) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const up = connect(Number(m[2]), resolveName(m[1]));
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      client.on('data', (chunk: Buffer) => {
        // Plain http in the tunnel: count its request lines (TLS bytes never match).
        const text = chunk.toString('latin1');
        state.requests += (text.match(REQUEST_LINE) ?? []).length;
        up.write(state.oneRequestPerTunnel ? Buffer.from(text.replace(/\r\nconnection: keep-alive\r\n/i, '\r\nConnection: close\r\n'), 'latin1') : chunk);
      });
      client.on('end', () => up.end());
      up.pipe(client);
    });
    up.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const state: TestProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    connects: 0,
    targets: [],
    requests: 0,
    authorizations: [],
    oneRequestPerTunnel: false,
    requireAuth(user, password) {
      auth = user === undefined ? undefined : `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
    },
    reset() {
      state.connects = 0;
      state.requests = 0;
      state.targets = [];
      state.authorizations = [];
      state.oneRequestPerTunnel = false;
      state.refuseConnectsFrom = undefined;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  return state;
}
