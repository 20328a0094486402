import { afterEach } from 'vitest';
/** A bare node:http stub for what the emulator cannot produce (bad bodies, 5xx runs, dropped sockets). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest } from '../../src/auth/sign.js';

export const AK = 'AKIDEXAMPLEKEY1234';
export const SK = 'sk-very-secret-value-XYZ';
export const PROJECT = '0123456789abcdef0123456789abcdef';

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Signature check against the exact raw bytes received. */
  signatureOk: boolean;
}

export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'destroy';

/** Starts a stub on 127.0.0.1:0; `replies` are used in order (the last one repeats). */
export async function startStub(replies: Reply[] | ((seen: Seen, n: number) => Reply), secrets: Record<string, string> = { [AK]: SK }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const v = verifyRequest({
        method: req.method!, url: req.url!, headers: req.headers, body: raw,
        lookupSecret: (ak) => secrets[ak], now: new Date(),
      });
      const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: raw.toString('utf8'), signatureOk: v.ok };
      seen.push(s);
      const n = seen.length - 1;
      const reply = typeof replies === 'function' ? replies(s, n) : replies[Math.min(n, replies.length - 1)];
      if (reply === 'destroy') {
        req.socket.destroy();
        return;
      }
      const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** A port with nothing listening (connection refused). */
export async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

/** Starts stubs for one test file and closes them after each test. */
export function useStubs(): typeof startStub {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (...args) => {
    const s = await startStub(...args);
    open.push(s);
    return s;
  };
}
