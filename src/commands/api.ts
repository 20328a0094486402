/**
 * `sdrs api <METHOD> <PATH>`: the escape hatch (after `gh api`). One signed request to
 * any SDRS, ECS or VPC path of the configured endpoints, with the transport's retries
 * (GET only), error mapping and exit codes; the answer's JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import type { RawRequest, SdrsApi } from '../api/client.js';
import type { Endpoints } from '../config/types.js';
import { missingEndpointError, missingProjectIdError } from '../config/messages.js';
import { pageGuard, MAX_PAGES } from '../api/paging.js';
import { badResponse } from '../api/errors.js';
import { UsageError } from '../errors.js';
import { safeJson } from '../io/output.js';
import { isWellFormedId, printable } from '../validate.js';
import { bind, DRY_RUN, examples, MAX_INTERVAL, parseWaitFlags, type RunF, type Runner, type WaitFlags } from './shared/command.js';
import { dryRun, sendOrFollow } from './shared/mutation.js';
import { note, result, styledOut, type Result } from './shared/output.js';
import { resumeCommand, waitSettings, watch } from './shared/wait.js';
import { t, text as both } from '../i18n/index.js';
import { listOf } from '../i18n/compose.js';
import { apiMsg as M } from '../i18n/catalog/apicmd.js';

/** The methods the SDRS, ECS and VPC APIs use. */
export const API_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type ApiMethod = (typeof API_METHODS)[number];
/** The services a path can go to. */
export const API_SERVICES = ['sdrs', 'ecs', 'vpc'] as const;
export type ApiService = (typeof API_SERVICES)[number];

/** One field: `-f` (a string) or `-F` (typed). */
export interface ApiField {
  key: string;
  value: string;
  typed: boolean;
}

/** The options of one run. */
export interface ApiOptions {
  method: ApiMethod;
  /** A path (`/v1/{project_id}/...`, query allowed) or a full URL under a configured endpoint. */
  path: string;
  service?: ApiService;
  /** `--input FILE`, or `-` for stdin. */
  input?: string;
  fields: ApiField[];
  paginate: boolean;
  dryRun: boolean;
  wait: WaitFlags;
}

/** What commander parses. */
interface ApiFlags {
  service?: string;
  input?: string;
  rawField?: string[];
  field?: string[];
  paginate?: boolean;
  dryRun?: boolean;
  wait?: boolean;
  timeout?: string;
  interval?: string;
  maxInterval?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `api`'s arguments, flags, help and wiring. */
export function registerApi(cmd: Command, run: Runner, runF: RunF<ApiOptions> = runApi): void {
  cmd
    .argument('<method>', 'GET, POST, PUT or DELETE')
    .argument('<path>', 'e.g. /v1/{project_id}/server-groups ({project_id} is filled in); or a full URL under a configured endpoint')
    .option('-f, --raw-field <key=value>', 'a string field (repeatable): the query of a GET, else the JSON body; a.b=c or a[b]=c nests', collect)
    .option('-F, --field <key=value>', 'a typed field (repeatable): true, false, null and numbers become JSON values; else as -f', collect)
    .option('--input <file>', 'the JSON body from a file, or - for stdin (fields then go to the query)')
    .option('--paginate', 'GET: follow limit/offset pages and print one document with the lists joined')
    .option('--service <service>', 'sdrs, ecs or vpc (default: from the path: cloudservers is ECS; vpcs, subnets and /v2.0/ are VPC; the rest SDRS)')
    .option('--dry-run', DRY_RUN)
    .option('--wait', 'when the answer has a job_id, watch the job to its end (exit codes as job wait) and print the job')
    .option('--timeout <duration>', 'with --wait: how long to wait (default: 30m)')
    .option('--interval <duration>', 'with --wait: first poll interval (default: 1s)')
    .option('--max-interval <duration>', MAX_INTERVAL)
    .addHelpText('after', [
      '',
      'No confirmation is asked: as with `gh api`, the method you type is the consent.',
      'POST, PUT and DELETE are sent once, never re-sent blindly: a lost answer is exit 7',
      '(OUTCOME_UNKNOWN) with how to check. A job_id in the answer is printed on stderr',
      'with `sdrs job wait <id>` as the next step. Exit codes as every command: 3 refused',
      'or not found, 4 auth or configuration, 7 unreachable or outcome unknown.',
    ].join('\n'));
  examples(cmd, [
    "$ sdrs api GET /v1/{project_id}/server-groups --paginate | jq -r '.server_groups[].name'",
    '$ sdrs api GET /v1/{project_id}/server-groups -f limit=10 -f status=protected',
    '$ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action --input body.json --wait',
    '$ sdrs api POST /v1/{project_id}/server-groups/$GROUP_ID/action -f reverse-server-group.priority_station=target --dry-run',
    '$ sdrs api GET /v1/{project_id}/cloudservers/detail -F limit=50',
  ]);
  bind(cmd, run, parseApi, runF);
}

/** Checks the arguments and flags (exit 2, nothing read or sent). */
export function parseApi(args: string[], f: ApiFlags): ApiOptions {
  const method = (args[0] ?? '').toUpperCase();
  if (!(API_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(both(M.badMethod, { method: printable(args[0] ?? ''), methods: listOf(API_METHODS, API_METHODS.length) }));
  }
  const path = (args[1] ?? '').trim();
  if (!path) throw new UsageError(both(M.pathRequired));
  if (f.service !== undefined && !(API_SERVICES as readonly string[]).includes(f.service)) {
    throw new UsageError(both(M.badService, { service: printable(f.service), services: listOf(API_SERVICES, API_SERVICES.length) }));
  }
  const fields = [...(f.rawField ?? []).map((x) => field(x, false, '-f')), ...(f.field ?? []).map((x) => field(x, true, '-F'))];
  if (method === 'GET' && f.input !== undefined) throw new UsageError(both(M.getNoInput));
  if (f.paginate && method !== 'GET') throw new UsageError(both(M.paginateGetOnly));
  if (f.paginate && f.wait) throw new UsageError(both(M.paginateWait));
  const stray = (['timeout', 'interval', 'maxInterval'] as const).find((k) => f[k] !== undefined);
  if (stray && !f.wait) throw new UsageError(both(M.strayWaitFlag, { flag: stray === 'maxInterval' ? 'max-interval' : stray }));
  const wait = parseWaitFlags({ ...f, wait: f.wait === true });
  return { method: method as ApiMethod, path, service: f.service as ApiService | undefined, input: f.input, fields, paginate: f.paginate === true, dryRun: f.dryRun === true, wait };
}

function field(text: string, typed: boolean, flag: string): ApiField {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(both(M.fieldFormat, { flag, text: printable(text) }));
  return { key: text.slice(0, eq), value: text.slice(eq + 1), typed };
}

/** `a.b[c]` → ['a', 'b', 'c']; exit 2 on an empty or reserved segment. */
function keyPath(key: string): string[] {
  const parts = key.replace(/\[([^\]]*)\]/g, '.$1').split('.');
  for (const p of parts) {
    if (p === '') throw new UsageError(both(M.emptySegment, { key: printable(key) }));
    if (p === '__proto__' || p === 'constructor' || p === 'prototype') throw new UsageError(both(M.reservedSegment, { key: printable(key), part: p }));
  }
  return parts;
}

/** -F's types: true, false, null and JSON numbers; anything else stays a string. */
function typedValue(f: ApiField): unknown {
  if (!f.typed) return f.value;
  if (f.value === 'true') return true;
  if (f.value === 'false') return false;
  if (f.value === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(f.value)) return Number(f.value);
  return f.value;
}

/** The fields as a JSON object (nested by their key paths). */
export function fieldsBody(fields: ApiField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const parts = keyPath(f.key);
    let at: Record<string, unknown> = body;
    for (const [i, p] of parts.entries()) {
      if (i === parts.length - 1) {
        if (Object.hasOwn(at, p)) throw new UsageError(both(M.fieldTwice, { key: printable(f.key) }));
        at[p] = typedValue(f);
      } else {
        const next = Object.hasOwn(at, p) ? at[p] : (at[p] = {});
        if (typeof next !== 'object' || next === null || Array.isArray(next)) throw new UsageError(both(M.fieldConflict, { key: printable(f.key) }));
        at = next as Record<string, unknown>;
      }
    }
  }
  return body;
}

/** Which service a path belongs to, by its shape. */
export function serviceOf(path: string): ApiService {
  const p = path.split('?')[0];
  if (/^\/v2\.0\//.test(p) || /^\/v3\/[^/]+\/vpc\//.test(p)) return 'vpc';
  if (/^\/v1\/[^/]+\/(vpcs|subnets|publicips|bandwidths|security-groups|security-group-rules|privateips|ports)(\/|$)/.test(p)) return 'vpc';
  if (/^\/v1(\.1)?\/[^/]+\/cloudservers(\/|$)/.test(p) || /^\/v2(\.1)?\/[^/]+\/servers(\/|$)/.test(p)) return 'ecs';
  return 'sdrs';
}

/** Where the request goes: the full URL, its service and path. Exit 2 for a foreign host, 4 for what the config lacks. */
export function resolveTarget(o: Pick<ApiOptions, 'path' | 'service'>, endpoints: Endpoints, projectId: string | undefined, profile: string): { url: URL; service: ApiService; path: string } {
  let rel = o.path;
  let service = o.service;
  if (/^[a-z][a-z0-9+.-]*:/i.test(o.path)) {
    let u: URL;
    try {
      u = new URL(o.path);
    } catch {
      throw new UsageError(both(M.notUrl, { path: printable(o.path) }));
    }
    const under = API_SERVICES.filter((s) => endpoints[s] && isUnder(u, endpoints[s]));
    if (under.length === 0) {
      const known = API_SERVICES.filter((s) => endpoints[s]).map((s) => `${s} ${endpoints[s]}`).join(', ') || both(M.noEndpoints);
      throw new UsageError(both(M.foreignUrl, { origin: printable(u.origin), known }), {
        hint: both(M.foreignUrlHint),
      });
    }
    const basePath = new URL(endpoints[under[0]]).pathname.replace(/\/+$/, '');
    rel = (u.pathname.slice(basePath.length) || '/') + u.search;
    service ??= under.includes(serviceOf(rel)) ? serviceOf(rel) : under[0];
    if (!under.includes(service)) throw new UsageError(both(M.notThatEndpoint, { origin: printable(u.origin), service, endpoint: endpoints[service] || both(M.notConfigured) }));
  }
  if (!rel.startsWith('/')) throw new UsageError(both(M.pathSlash, { path: printable(rel) }));
  // eslint-disable-next-line no-control-regex -- control characters never belong in a path
  if (/[\s#\u0000-\u001f\u007f]/.test(rel)) throw new UsageError(both(M.pathChars, { path: printable(rel) }));
  // A full URL arrives percent-encoded (`new URL` turns `{` into %7B): the placeholder is the same either way.
  rel = rel.replace(/%7Bproject_id%7D/gi, '{project_id}');
  if (rel.includes('{project_id}')) {
    if (!projectId) throw missingProjectIdError(profile, undefined);
    if (!isWellFormedId(projectId)) throw new UsageError(both(M.badProjectId, { id: printable(projectId) }));
    rel = rel.split('{project_id}').join(projectId);
  }
  const left = /\{[^}]*\}|%7B.*?%7D/i.exec(rel);
  if (left) throw new UsageError(both(M.placeholderLeft, { path: printable(rel), placeholder: printable(left[0]) }));
  service ??= serviceOf(rel);
  const base = endpoints[service];
  if (!base) throw missingEndpointError(service, profile);
  const url = new URL(base + rel);
  if (!isUnder(url, base)) throw new UsageError(both(M.leavesEndpoint, { path: printable(o.path), service, endpoint: base }));
  return { url, service, path: url.pathname };
}

/** Same origin, and under the endpoint's own path. */
function isUnder(u: URL, base: string): boolean {
  const b = new URL(base);
  const prefix = b.pathname.replace(/\/+$/, '');
  return u.origin === b.origin && (prefix === '' || u.pathname === prefix || u.pathname.startsWith(prefix + '/'));
}

/** The body, if any: --input (file or stdin, JSON checked), or the fields of a change. */
async function bodyOf(ctx: Context, o: ApiOptions): Promise<{ body?: unknown; query: ApiField[] }> {
  if (o.input !== undefined) {
    const text = o.input === '-' ? await readStdin(ctx) : readInput(o.input);
    if (text.trim() === '') throw new UsageError(both(M.inputEmpty, { file: printable(o.input) }));
    try {
      return { body: JSON.parse(text), query: o.fields };
    } catch (err) {
      // The position only: the text may hold something the user would not want echoed.
      const at = /position (\d+)/.exec((err as Error).message)?.[1];
      throw new UsageError(both(at ? M.inputNotJsonAt : M.inputNotJson, { file: o.input === '-' ? both(M.inputStdin) : printable(o.input), at }));
    }
  }
  if (o.method === 'GET' || o.fields.length === 0) return { query: o.method === 'GET' ? o.fields : [] };
  return { body: fieldsBody(o.fields), query: [] };
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(both(M.inputUnreadable, { file: printable(file), code: (err as NodeJS.ErrnoException).code ?? 'error' }));
  }
}

async function readStdin(ctx: Context): Promise<string> {
  let text = '';
  for await (const chunk of ctx.io.in as AsyncIterable<Buffer | string>) {
    text += String(chunk);
    if (text.length > 10 * 1024 * 1024) throw new UsageError(both(M.stdinTooLarge));
  }
  return text;
}

/** The JSON document for stdout: indented at a terminal, one line in a pipe (as --json). */
function json(ctx: Context, data: unknown): Result {
  return result(data, styledOut(safeJson(data, ctx.io.stdoutIsTTY ? 2 : undefined)));
}

/** Sends the request (or prints it with --dry-run) and prints the answer. */
export async function runApi(ctx: Context, o: ApiOptions): Promise<Result> {
  const config = await ctx.config();
  const target = resolveTarget(o, config.endpoints, config.projectId, config.profile);
  const { body, query } = await bodyOf(ctx, o);
  for (const f of query) target.url.searchParams.append(f.key, String(typedValue(f)));
  const api = await ctx.api();
  if (!api.raw || !api.prepareRaw) throw new UsageError(both(M.noRaw));
  const req: RawRequest = { method: o.method, url: target.url.toString(), ...(body !== undefined ? { body } : {}) };
  if (o.dryRun) return dryRun(await api.prepareRaw(req));
  if (o.method === 'GET') {
    const answer = o.paginate ? await paginate(api, req, target.path) : (await api.raw(req)).body;
    return answer === undefined ? result(undefined) : json(ctx, answer);
  }
  const operation = `${o.method} ${target.path}`;
  const check = `sdrs api GET ${target.path.replace(/\/action$/, '')}`;
  let answer: unknown;
  const sent = await sendOrFollow<{ job_id: string }, undefined>(ctx, {
    operation,
    send: async () => {
      answer = (await api.raw!(req)).body;
      return { job_id: jobIdOf(answer) ?? '' };
    },
    checkHint: check,
    details: { method: o.method, path: target.path },
    resume: (id) => (target.service === 'ecs' ? `${resumeCommand(id)} --ecs` : resumeCommand(id)),
  });
  const jobId = sent.kind === 'job' ? sent.jobId : '';
  if (!jobId) {
    sent.record.state = 'done';
    const r = answer === undefined ? result(undefined) : json(ctx, answer);
    if (o.wait.wait) r.blocks.push(note(t(M.noJobToWait)));
    return r;
  }
  const resume = target.service === 'ecs' ? `sdrs job wait ${jobId} --ecs` : `sdrs job wait ${jobId}`;
  if (!o.wait.wait) {
    const r = json(ctx, answer);
    r.blocks.push(note(t(M.jobSubmitted, { job: jobId, command: resume })));
    return r;
  }
  const settings = await waitSettings(ctx, o.wait);
  const { job } = await watch(ctx, api, settings, {
    jobId,
    label: operation,
    ...(target.service === 'ecs' ? { kind: 'ecs' as const, resumeCommand: resume } : {}),
  });
  const r = json(ctx, job);
  r.blocks.push(note(t(M.jobFinished, { job: jobId, status: job.status })));
  return r;
}

function jobIdOf(body: unknown): string | undefined {
  const id = typeof body === 'object' && body !== null ? (body as { job_id?: unknown }).job_id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Follows a limit/offset listing: pages until `count` items (when the answer has one), else a short page; an empty page ends it too,
 * at most MAX_PAGES, a page with nothing new being a bad response (paging.ts). One
 * document: the first page's fields with its one list replaced by every page's items.
 */
async function paginate(api: SdrsApi, req: RawRequest, path: string): Promise<unknown> {
  const url = new URL(req.url);
  const first = (await api.raw!(req)).body;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return first;
  const doc = first as Record<string, unknown>;
  const keys = Object.keys(doc).filter((k) => Array.isArray(doc[k]));
  if (keys.length !== 1) return first;
  const key = keys[0];
  const limitText = url.searchParams.get('limit');
  const limit = limitText !== null && /^\d+$/.test(limitText) ? Number(limitText) : undefined;
  let offset = Number(url.searchParams.get('offset') ?? 0) || 0;
  const count = typeof doc.count === 'number' ? doc.count : undefined;
  const guard = pageGuard('GET', path, key, MAX_PAGES);
  const idOf = (item: unknown, i: number) => {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : `${JSON.stringify(item)}#${i}`;
  };
  const take = (page: unknown[], where: string) => guard.add(page.map((item, i) => ({ id: idOf(item, i), item })), where).map((w) => w.item);
  let page = doc[key] as unknown[];
  const items = take(page, `offset ${offset}`);
  const size = limit ?? page.length;
  // With a count, until it is reached (a service may cap the page below the limit asked for); without, until a short page.
  while (page.length > 0 && (count !== undefined ? items.length < count : page.length >= size)) {
    guard.next();
    offset += page.length;
    url.searchParams.set('offset', String(offset));
    const next = (await api.raw!({ ...req, url: url.toString() })).body as Record<string, unknown> | undefined;
    const list = next?.[key];
    if (!Array.isArray(list)) throw badResponse('GET', path, `the page at offset ${offset} has no "${key}" list`);
    page = list;
    items.push(...take(page, `offset ${offset}`));
  }
  return { ...doc, [key]: items };
}
