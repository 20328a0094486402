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

/**
 * The algorithm an Authorization header names when it is not
 * SDK-HMAC-SHA256: the others the official SDKs offer (SDK-HMAC-SM3,
 * SDK-ECDSA-P256, SDK-SM2-SM3) or any other `SDK-…` word. At most 40
 * characters, printable ASCII only, since it is echoed back.
 */
function otherAlgorithm(value: string | undefined): string | undefined {
  const m = /^\s*(SDK-[A-Za-z0-9-]{1,36})(?:\s|$)/.exec(value ?? '');
  return m && m[1].toUpperCase() !== 'SDK-HMAC-SHA256' ? m[1] : undefined;
}

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
      const other = r.reason === 'malformed' ? otherAlgorithm(header(req.headers, 'authorization')) : undefined;
      const detail =
        r.reason === 'mismatch'
          ? `verify aksk signature fail, the canonical request the server computed is: ${(r.canonicalRequest ?? '').replace(/\n/g, '|')}`
          : other
            ? `the request is signed with ${other}; the emulator verifies only SDK-HMAC-SHA256 signatures (sign with SDK-HMAC-SHA256 or use an X-Auth-Token)`
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
