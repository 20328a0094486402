/** The small routing vocabulary shared by the route modules (keeps fastify types out of them). */
import type { Engine } from './engine.js';
import { gatewayError } from './errors.js';

/** How a route is protected: gateway signature/token, nothing (IAM password login), or loopback-only admin. */
export type RouteAuth = 'sign' | 'none' | 'admin';

export interface RouteCtx {
  engine: Engine;
  /** Path parameters, already decoded. */
  params: Record<string, string>;
  /** The query string exactly as received. */
  query: URLSearchParams;
  /** The JSON body, parsed from the raw bytes (undefined when empty). */
  body: unknown;
  method: string;
  /** Extra services an admin route may need. */
  admin?: AdminHooks;
  /** The Host header as received (which service a shared path was asked of: the job route). */
  host?: string;
}

/** What admin routes can reach beyond the engine. */
export interface AdminHooks {
  counters(): { total: number; routes: Record<string, number> };
  resetCounters(): void;
  /** `{faults, injected, queued}`: the spec, what was injected so far and what is queued. */
  faults(): Record<string, unknown>;
  /** Queues faults for the next matching requests; throws Error on a bad body. Returns the queue. */
  queueFault(body: Record<string, unknown>): Record<string, unknown>[];
  /** Empties the queue and zeroes the injected counts. */
  clearFaults(): void;
  configure(cfg: Record<string, unknown>): Record<string, unknown>;
  advanceClock(ms: number): number;
}

/** A response other than `200` + JSON. */
export class Res {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export type RouteHandler = (ctx: RouteCtx) => unknown;

export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template with `{param}` placeholders; also the key of the request counters. */
  path: string;
  auth: RouteAuth;
  handler: RouteHandler;
  /** A documented path the emulator does not serve: answered like an unknown route (404 APIGW.0101, counted as unmatched). */
  unserved?: true;
}

/** Shorthand for a signed route. */
export function signed(method: RouteDef['method'], path: string, handler: RouteHandler): RouteDef {
  return { method, path, auth: 'sign', handler };
}

/**
 * A documented path that a `{param}` route would otherwise catch (e.g. `GET
 * /protected-instances/tags` against `/{protected_instance_id}`): answered
 * exactly like an unknown route, 404 APIGW.0101, without authentication.
 */
export function unserved(method: RouteDef['method'], path: string): RouteDef {
  return {
    method,
    path,
    auth: 'none',
    unserved: true,
    handler: (ctx) => {
      throw gatewayError(404, 'APIGW.0101', unservedMessage(ctx.method, path.replace(/\{(\w+)\}/g, (_m, k: string) => ctx.params[k] ?? '')));
    },
  };
}

/** The message of the 404 for a route the emulator does not serve. */
export function unservedMessage(method: string, path: string): string {
  return `The API does not exist or has not been published in the environment: ${method} ${path}`;
}
