/** Builds a client against a stub with recorded sleeps and no real waiting. */
import { createApiClient, type ApiClientOptions } from '../../src/api/client.js';
import type { Credentials } from '../../src/config/types.js';
import { AK, PROJECT, SK } from './stub-server.js';

export function makeClient(base: string, over: Partial<ApiClientOptions> = {}) {
  const sleeps: number[] = [];
  const debug: string[] = [];
  let creds: Credentials = { kind: 'aksk', ak: AK, sk: SK };
  const api = createApiClient({
    endpoints: { sdrs: base, ecs: base, vpc: base, iam: base },
    projectId: PROJECT,
    credentials: async () => creds,
    userAgent: 'sdrs/test',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    debug: (l) => debug.push(l),
    timeoutMs: 5000,
    ...over,
  });
  return { api, sleeps, debug, setCreds: (c: Credentials) => (creds = c) };
}
