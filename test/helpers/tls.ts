/** A private CA for tests, made with openssl at run time (~50 ms): no key or certificate is committed. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A name no resolver knows: only the test proxy (test/helpers/proxy.ts) maps it, to 127.0.0.1. */
export const HIDDEN = 'sdrs.emulator.invalid';

/** A CA, and a server certificate it signed for localhost, 127.0.0.1 and HIDDEN, valid 2 days, in `dir`. */
export function makeTestCa(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => join(dir, n);
  writeFileSync(f('ext.cnf'), `subjectAltName=DNS:localhost,DNS:${HIDDEN},IP:127.0.0.1\n`);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  run(['req', '-x509', ...ec, '-keyout', f('ca-key.pem'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=sdrs test CA']);
  run(['req', ...ec, '-keyout', f('key.pem'), '-out', f('req.csr'), '-subj', '/CN=localhost']);
  run(['x509', '-req', '-in', f('req.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-out', f('cert.pem'), '-days', '2', '-extfile', f('ext.cnf')]);
  return { ca: f('ca.pem'), cert: f('cert.pem'), key: f('key.pem') };
}
