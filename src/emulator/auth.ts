/**
 * Gateway authentication: AK/SK signatures (verified with src/auth/sign.ts
 * from the raw path, query, headers and body bytes) or an `X-Auth-Token`
 * issued by the emulator's own `POST /v3/auth/tokens`.
 */
import { verifyRequest } from '../auth/sign.js';
import { authFailure, gatewayError } from './errors.js';
import type { World } from './world.js';

export interface Credentials {
  ak: string;
  sk: string;
  projectId: string;
}

export interface IncomingAuth {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
  /** The `{project_id}` path parameter, when the route has one. */
  projectId?: string;
}

const REASONS: Record<string, string> = {
  missing: 'the request carries neither an Authorization header nor an X-Auth-Token',
  malformed: 'the Authorization header is not "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=..."',
  'unknown-key': 'the access key does not exist',
  'no-date': 'X-Sdk-Date is missing, malformed or not among the signed headers',
  'stale-date': 'X-Sdk-Date differs from the server time by more than 15 minutes',
};

function header(h: IncomingAuth['headers'], name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Throws an EmuError (401 APIGW.0301, or 403 APIGW.0302 for a project the
 * credentials do not belong to) unless the request is authentic.
 * @param gatewayNow the injected clock's time in ms (not the job clock).
 */
export function authenticate(req: IncomingAuth, creds: Credentials, world: World, gatewayNow: number): void {
  const token = header(req.headers, 'x-auth-token');
  if (token !== undefined) {
    const t = world.tokens[token];
    if (!t || t.expiresAt <= gatewayNow) throw authFailure('the token is invalid or has expired');
  } else {
    const r = verifyRequest({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body,
      lookupSecret: (ak) => (ak === creds.ak ? creds.sk : undefined),
      now: new Date(gatewayNow),
    });
    if (!r.ok) {
      const detail =
        r.reason === 'mismatch'
          ? `verify aksk signature fail, the canonical request the server computed is: ${(r.canonicalRequest ?? '').replace(/\n/g, '|')}`
          : REASONS[r.reason];
      throw authFailure(detail);
    }
  }
  const headerProject = header(req.headers, 'x-project-id');
  for (const p of [req.projectId, headerProject]) {
    if (p !== undefined && p !== creds.projectId) {
      throw gatewayError(403, 'APIGW.0302', `The IAM user is not authorized to access the API: project ${p} does not belong to these credentials.`);
    }
  }
}
