/**
 * A server that echoes the request headers (issue 14, item 5): debugging gateways, some error
 * pages and misconfigured proxies quote what they were sent. sdrs sends a signed `Authorization`
 * header (the AK and a signature good until the request expires), `X-Security-Token` with
 * temporary keys, or `X-Auth-Token` with an IAM token. Whatever part of the answer the echo is
 * in (an error message, a 2xx body printed as data, a non-JSON body quoted in an error, a
 * response header or the reason phrase traced by --debug, a 500 to a POST whose outcome is then
 * unknown), none of it may be printed: no AK, no SK, no token, no signature, with or without
 * --debug and --json. The rest of the echo is printed, so the test sees that the echo arrived.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/run.js';
import { runMain, summary } from './helpers.js';

const AK = 'AKECHOTEST0000000042';
const SK = 'SK-echo-7c6b5a4d3e2f1a0b-9c8d7e6f5a4b-SECRET';
const STS = 'STS-echo-token-1a2b3c4d5e6f-778899aabbcc-SECRET';
const TOKEN = 'MIIecho-iam-token-0f1e2d3c4b5a-69788796a5b4-SECRET';
const GID = '11111111-2222-3333-4444-555555555555';

const group = (description: string) => ({
  id: GID, name: 'erp', description, status: 'protected', progress: 100,
  source_availability_zone: 'az-a', target_availability_zone: 'az-b', domain_id: 'd', domain_name: 'dom', priority_station: 'source',
  protected_instance_num: 0, replication_num: 0, source_vpc_id: 'v', created_at: 't', updated_at: 't',
});

/** The request's headers as a gateway would quote them. */
const dump = (req: http.IncomingMessage) => Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('; ');
const sentSecret = (req: http.IncomingMessage) => String(req.headers.authorization ?? req.headers['x-auth-token'] ?? '');

type Reply = { status: number; reason?: string; body: string; type?: string; headers?: Record<string, string> };
/** scenario (the project id in the path) -> how the server answers a request. */
const SCENARIOS: Record<string, { argv: string[]; code: number; reply: (req: http.IncomingMessage) => Reply }> = {
  // A 4xx whose message quotes the request.
  'error-message': { argv: ['group', 'show', GID], code: 3, reply: (req) => ({ status: 400, body: JSON.stringify({ error_code: 'SDRS.0201', error_msg: `bad request: ${dump(req)}` }) }) },
  // A 2xx whose data carries the echo (printed as the group's description).
  'data': { argv: ['group', 'show', GID], code: 0, reply: (req) => ({ status: 200, body: JSON.stringify({ server_group: group(`sent ${dump(req)}`) }) }) },
  // A non-JSON 2xx, quoted in the "unexpected response" error.
  'not-json': { argv: ['group', 'list'], code: 7, reply: (req) => ({ status: 200, body: `<pre>${dump(req)}</pre>`, type: 'text/html' }) },
  // Echoed in a response header (printed by --debug) and in the reason phrase of a 401.
  'header-and-reason': {
    argv: ['group', 'show', GID], code: 4,
    reply: (req) => ({ status: 401, reason: `Unauthorized ${sentSecret(req)}`, body: '', headers: { 'x-echo-request': dump(req) } }),
  },
  // A POST answered 500 with the echo: the outcome is unknown and the message quotes the answer.
  'post-500': {
    argv: ['group', 'stop', GID, '--yes', '--no-wait'], code: 7,
    reply: (req) => req.method === 'POST'
      ? { status: 500, body: JSON.stringify({ error_code: 'SDRS.9999', error_msg: `internal error handling ${dump(req)}` }) }
      : req.url?.includes(`/server-groups/${GID}`)
        ? { status: 200, body: JSON.stringify({ server_group: group('erp') }) }
        : { status: 200, body: JSON.stringify({ protected_instances: [], replications: [], server_groups: [], servers: [], count: 0 }) },
  },
};

let server: http.Server;
let url: string;
let runs = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const scenario = /^\/v1\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
      const s = SCENARIOS[scenario];
      if (!s) return void res.writeHead(599).end();
      const r = s.reply(req);
      res.writeHead(r.status, r.reason ?? '', { 'content-type': r.type ?? 'application/json', ...r.headers }).end(r.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  summary(`echoed request headers: ${runs} runs (5 places an echo can be, 2 kinds of credentials, human/--json/--debug), no AK, SK, token or signature printed`);
});

const CREDS = {
  'AK/SK with a security token': { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: STS },
  'an IAM token': { SDRS_AUTH_TOKEN: TOKEN },
};

/** What must never be printed, whole: the keys, the tokens, a 64-hex signature. */
function leaks(text: string): string[] {
  const found = [AK, SK, STS, TOKEN].filter((s) => text.includes(s)).map((s) => s.slice(0, 8) + '…');
  const sig = /[0-9a-f]{64}/.exec(text);
  if (sig) found.push(`a signature ${sig[0].slice(0, 8)}…`);
  return found;
}

describe('a server echoing the request headers', () => {
  for (const [credName, creds] of Object.entries(CREDS)) {
    for (const [scenario, s] of Object.entries(SCENARIOS)) {
      it(`${scenario}, ${credName}: no secret printed (human, --json, --debug)`, async () => {
        const env = baseEnv({ SDRS_ENDPOINT: url, SDRS_PROJECT_ID: scenario, ...creds });
        for (const mode of [[], ['--json'], ['--debug'], ['--debug', '--json']]) {
          const r = await runMain([...mode, ...s.argv], { env });
          runs++;
          const label = `${scenario} ${mode.join(' ')}`;
          expect(r.code, `${label}: ${r.stderr.slice(-600)}`).toBe(s.code);
          const all = r.stdout + r.stderr;
          expect(leaks(all), `${label}: ${all.slice(-1500)}`).toEqual([]);
          // The echo did reach the output (scrubbed): another header it quoted is there.
          if (scenario !== 'header-and-reason' || mode.includes('--debug')) expect(all, label).toMatch(/x-project-id|x-sdk-date|Unauthorized \*\*\*/);
        }
      });
    }
  }
});
