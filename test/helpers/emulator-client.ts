/**
 * A small signed-fetch client for the emulator, for tests. Signs with
 * src/auth/sign.ts; with a manual clock, pass `now` so X-Sdk-Date follows it.
 */
import { signRequest } from '../../src/auth/sign.js';

export interface EmulatorTarget {
  url: string;
  ak: string;
  sk: string;
  projectId: string;
  /** Sent as `Authorization: Bearer` on admin calls when the emulator requires it. */
  adminToken?: string;
}

export interface AdminOptions {
  /** Extra or replacing headers (e.g. a foreign Origin). */
  headers?: Record<string, string>;
  /** Another admin token than the target's; null sends none. */
  token?: string | null;
}

export interface CallOptions {
  /** JSON body (serialised with JSON.stringify). */
  body?: unknown;
  /** Exact body text, instead of `body`. */
  rawBody?: string;
  /** Extra headers (signed when listed in signedHeaders). */
  headers?: Record<string, string>;
  /** Sign with another secret key. */
  sk?: string;
  ak?: string;
  /** Signing time; default: the client's `now`. */
  date?: Date;
  signedHeaders?: string[];
  /** Send without any Authorization header. */
  unsigned?: boolean;
  /** Send `X-Auth-Token` instead of signing. */
  token?: string;
  /** Body bytes actually sent, when they must differ from the signed ones. */
  sendBody?: string;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface EmulatorClient {
  /** `/server-groups` -> `/v1/{project}/server-groups`; `{project_id}` is replaced too. */
  path(p: string): string;
  call<T = any>(method: string, p: string, o?: CallOptions): Promise<CallResult<T>>;
  get<T = any>(p: string, o?: CallOptions): Promise<CallResult<T>>;
  post<T = any>(p: string, body?: unknown, o?: CallOptions): Promise<CallResult<T>>;
  put<T = any>(p: string, body?: unknown, o?: CallOptions): Promise<CallResult<T>>;
  del<T = any>(p: string, body?: unknown, o?: CallOptions): Promise<CallResult<T>>;
  /**
   * Unsigned call to `/__emulator/...`, as the admin API requires it: JSON
   * content type on every call but GET (with or without a body), and the
   * target's admin token if it has one.
   */
  admin<T = any>(method: string, p: string, body?: unknown, o?: AdminOptions): Promise<CallResult<T>>;
}

export function emulatorClient(target: EmulatorTarget, opts: { now?: () => number } = {}): EmulatorClient {
  const now = opts.now ?? (() => Date.now());
  const path = (p: string) => {
    const withProject = p.replace('{project_id}', target.projectId);
    return withProject.startsWith('/v1/') || withProject.startsWith('/v3/') || withProject.startsWith('/__emulator')
      ? withProject
      : `/v1/${target.projectId}${withProject}`;
  };
  const parse = async (r: Response): Promise<CallResult> => {
    const text = await r.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: r.status, headers: r.headers, body, text };
  };
  const call = async (method: string, p: string, o: CallOptions = {}) => {
    const url = target.url + path(p);
    const bodyText = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
    let headers: Record<string, string> = { 'X-Project-Id': target.projectId, ...o.headers };
    if (bodyText !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json;charset=UTF-8';
    }
    if (o.token) headers['X-Auth-Token'] = o.token;
    else if (!o.unsigned) {
      headers = signRequest({
        method,
        url,
        headers,
        body: bodyText,
        ak: o.ak ?? target.ak,
        sk: o.sk ?? target.sk,
        date: o.date ?? new Date(now()),
        signedHeaders: o.signedHeaders,
      }).headers;
    }
    delete headers['Host'];
    const r = await fetch(url, { method, headers, body: o.sendBody ?? bodyText });
    return parse(r);
  };
  return {
    path,
    call,
    get: (p, o) => call('GET', p, o),
    post: (p, body, o) => call('POST', p, { ...o, body }),
    put: (p, body, o) => call('PUT', p, { ...o, body }),
    del: (p, body, o) => call('DELETE', p, { ...o, body }),
    admin: async (method, p, body, o = {}) => {
      const headers: Record<string, string> = {};
      if (body !== undefined || method !== 'GET') headers['Content-Type'] = 'application/json';
      const token = o.token === undefined ? target.adminToken : o.token;
      if (token) headers['Authorization'] = `Bearer ${token}`;
      const r = await fetch(target.url + '/__emulator' + p, {
        method,
        headers: { ...headers, ...o.headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return parse(r);
    },
  };
}
