/**
 * The HTTP front: one fastify instance serving SDRS, ECS, VPC, IAM and the
 * admin API on one port, with the gateway's behaviour in hooks:
 * X-Request-Id on every answer, faults, signature checks, and JSON errors.
 *
 * Handlers are synchronous from `settle()` to `commit()`, so concurrent
 * requests can never interleave inside a state change.
 */
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { adminRoutes } from './admin.js';
import { authenticate } from './auth.js';
import type { Credentials } from './auth.js';
import type { Engine } from './engine.js';
import { EmuError, gatewayError, sdrsError } from './errors.js';
import { formatFaults, parseQueuedFault } from './faults.js';
import { checkAdmin, checkHost } from './guard.js';
import type { AccessPolicy, Refusal } from './guard.js';
import type { FaultInjector, QueuedFault } from './faults.js';
import { newRequestId } from './format.js';
import { Res, unservedMessage } from './http.js';
import type { AdminHooks, RouteDef } from './http.js';
import { drillRoutes } from './routes/drills.js';
import { groupRoutes } from './routes/groups.js';
import { instanceRoutes } from './routes/instances.js';
import { readinessRoutes } from './routes/readiness.js';
import { replicationRoutes } from './routes/replications.js';
import { serviceRoutes } from './routes/services.js';
import { parseJsonBody } from './validate.js';

export const ALL_ROUTES: RouteDef[] = [...groupRoutes, ...instanceRoutes, ...replicationRoutes, ...serviceRoutes, ...adminRoutes, ...readinessRoutes, ...drillRoutes];

/** An AK/SK-signed request body may be at most 12 MB (reference 6.4). */
const BODY_LIMIT = 12 * 1024 * 1024;

export interface ServerDeps {
  engine: Engine;
  creds: Credentials;
  faults: FaultInjector;
  configure: AdminHooks['configure'];
  advanceClock: AdminHooks['advanceClock'];
  /** Host, Origin, content-type and token rules (guard.ts). @default loopback names only, no token */
  access?: AccessPolicy;
  logger?: (line: string) => void;
  /** Serve https with this certificate and key (PEM) instead of http. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export function isLoopbackAddress(addr: string | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

export function buildServer(deps: ServerDeps): FastifyInstance {
  const { engine, creds, faults } = deps;
  const access: AccessPolicy = deps.access ?? { host: '127.0.0.1', allowHosts: [] };
  const counters = new Map<string, number>();
  /** Requests that must be processed, then have their connection dropped (a `reset` fault). */
  const dropAfter = new WeakSet<IncomingMessage>();
  const admin: AdminHooks = {
    counters: () => {
      const routes = Object.fromEntries([...counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
      return { total: [...counters.values()].reduce((a, b) => a + b, 0), routes };
    },
    resetCounters: () => counters.clear(),
    faults: () => ({ faults: formatFaults(faults.spec), injected: structuredClone(faults.stats), queued: faults.queued.map(queuedView) }),
    queueFault: (body) => {
      const { fault, count } = parseQueuedFault(body);
      faults.enqueue(fault, count);
      return faults.queued.map(queuedView);
    },
    clearFaults: () => faults.clear(),
    configure: deps.configure,
    advanceClock: deps.advanceClock,
  };

  // One instance type for both: the https server is an http server for everything the routes see.
  const app = Fastify({
    ...(deps.tls ? { https: { cert: deps.tls.cert, key: deps.tls.key } } : {}),
    logger: false,
    bodyLimit: BODY_LIMIT,
    genReqId: () => newRequestId(),
    forceCloseConnections: true,
  });
  // Keep every body as raw bytes: the signature covers the exact bytes, and
  // DELETE /protected-instances/{id} and /replications/{id} carry JSON bodies.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const defOf = (req: FastifyRequest): RouteDef | undefined => (req.routeOptions.config as { def?: RouteDef }).def;

  app.addHook('onRequest', async (req, reply) => {
    reply.header('X-Request-Id', req.id);
    const def = defOf(req);
    // By the matched route, not the URL text: the router decodes %5F, so
    // `/%5F%5Femulator/state` is an admin route too.
    const isAdmin = def ? def.auth === 'admin' : req.url.startsWith('/__emulator/');
    const wrongHost = checkHost(req.headers.host, access, isAdmin);
    if (isAdmin) {
      if (!isLoopbackAddress(req.socket.remoteAddress)) throw gatewayError(403, 'APIGW.0302', 'The emulator admin API answers loopback clients only.');
      const refusal = wrongHost ?? checkAdmin({ method: req.method, headers: req.headers, hasBody: hasBody(req) }, access);
      if (refusal) throw refusalError(refusal);
      return;
    }
    const key = `${req.method} ${def && !def.unserved ? def.path : '<unmatched>'}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    if (wrongHost) throw refusalError(wrongHost);
    const d = faults.decide(req.method, req.url.split('?')[0]);
    if (d.kind === 'error') throw sdrsError('SDRS.0006', 'Internal server error (injected by the emulator).', d.status);
    if (d.kind === 'throttle') {
      throw gatewayError(429, 'APIGW.0308', 'The throttling threshold has been reached.', { 'Retry-After': String(d.retryAfterS) });
    }
    if (d.kind === 'reset') {
      if (!d.processed) return drop(req, reply);
      dropAfter.add(req.raw);
    }
    if (faults.spec.latencyMs > 0 && req.method === 'GET') {
      faults.noteLatency(req.method);
      await sleep(faults.spec.latencyMs);
    }
  });

  app.addHook('preHandler', async (req) => {
    const def = defOf(req);
    if (def?.auth !== 'sign') return;
    const params = req.params as Record<string, string>;
    authenticate(
      { method: req.method, url: req.raw.url ?? req.url, headers: req.headers, body: rawBody(req), projectId: params.project_id },
      creds,
      engine.world,
      engine.clock.base.now(),
    );
  });

  if (deps.logger) {
    const log = deps.logger;
    app.addHook('onResponse', async (req, reply) => {
      log(`${req.method} ${req.url} ${reply.statusCode} ${Math.round(reply.elapsedTime)}ms ${req.id}`);
    });
  }

  for (const def of ALL_ROUTES) {
    app.route({
      method: def.method,
      url: def.path.replace(/\{(\w+)\}/g, ':$1'),
      config: { def },
      handler: async (req, reply) => {
        try {
          engine.settle();
          const url = req.raw.url ?? req.url;
          const q = url.indexOf('?');
          const result = def.handler({
            engine,
            params: req.params as Record<string, string>,
            query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
            body: parseJsonBody(rawBody(req)),
            method: req.method,
            admin,
            host: req.headers.host,
          });
          engine.commit();
          if (dropAfter.has(req.raw)) return drop(req, reply);
          if (result instanceof Res) return reply.code(result.status).headers(result.headers).send(result.body);
          return reply.code(200).send(result);
        } finally {
          engine.commit();
        }
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      error_code: 'APIGW.0101',
      error_msg: unservedMessage(req.method, req.url.split('?')[0]),
      request_id: req.id,
    });
  });

  app.setErrorHandler((err: unknown, req, reply) => {
    if (err instanceof EmuError) {
      const body = 'error_code' in err.body ? { ...err.body, request_id: req.id } : err.body;
      return reply.code(err.status).headers(err.headers).send(body);
    }
    const e = err as { statusCode?: number; message?: string };
    const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
    if (status < 500) return reply.code(status).send({ error: { code: 'SDRS.0201', message: `Invalid request: ${e.message ?? ''}` } });
    deps.logger?.(`internal error on ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
    return reply.code(500).send({ error: { code: 'SDRS.0006', message: 'Internal server error.' } });
  });

  return app;
}

function queuedView(f: QueuedFault): Record<string, unknown> {
  return { fault: f.fault, ...(f.method ? { method: f.method } : {}), ...(f.path ? { path: f.path } : {}), ...(f.retryAfterS !== undefined ? { retry_after: f.retryAfterS } : {}) };
}

/** A refused Host, Origin, token or content type: 403 like the gateway, 401/415 as admin errors. */
function refusalError(r: Refusal): EmuError {
  if (r.status === 403) return gatewayError(403, 'APIGW.0302', r.message);
  const headers: Record<string, string> = r.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="sdrs-emulator-admin"' } : {};
  return new EmuError(r.status, { error: { code: 'EMULATOR.ADMIN', message: r.message } }, headers);
}

/** True when body bytes follow the headers. */
function hasBody(req: FastifyRequest): boolean {
  const len = req.headers['content-length'];
  return (len !== undefined && len !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function rawBody(req: FastifyRequest): Buffer | undefined {
  return Buffer.isBuffer(req.body) ? req.body : undefined;
}

/** Drops the connection without an answer (a `reset` fault). */
function drop(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.hijack();
  req.socket.destroy();
  return reply;
}
