/**
 * "Trust nothing in an answer" at the API layer (issue 14, items 3 and 4). After a
 * mutating request may have been processed, an answer that cannot be read as the
 * documented success (`{"job_id": "<id>"}`) is an unknown outcome (exit 7, never
 * re-sent), carrying what was seen; never a usage error, never a plain API error.
 * The same answers to a read stay a bad response. Ids in answers are checked where
 * they are read: a malformed one is the service's bad answer (exit 7), not exit 2.
 */
import { describe, expect, it } from 'vitest';
import { NetworkError, UnknownOutcomeError } from '../../src/errors.js';
import type { SdrsApi } from '../../src/api/client.js';
import { makeClient } from './helpers.js';
import { useStubs, type Reply } from './stub-server.js';

const stub = useStubs();
const JOB = '0123456789abcdef0123456789abcdef';
const GROUP_ID = '11111111-2222-3333-4444-555555555555';
const html = `<!DOCTYPE html><html><head><title>Proxy says hello</title></head><body>${'<p>corporate proxy</p>'.repeat(100)}</body></html>`;

/** Every mutating call of the client (POST and DELETE), with valid arguments. */
const MUTATIONS: [string, (api: SdrsApi) => Promise<unknown>][] = [
  ['createGroup', (a) => a.createGroup({ name: 'erp', source_availability_zone: 'az-a', target_availability_zone: 'az-b', domain_id: 'd', source_vpc_id: 'v', protected_type: 'replication-pair' } as never)],
  ['groupAction reverse', (a) => a.groupAction(GROUP_ID, { action: 'reverse', priorityStation: 'target' })],
  ['deleteGroup', (a) => a.deleteGroup(GROUP_ID)],
  ['createInstance', (a) => a.createInstance({ server_group_id: GROUP_ID, server_id: 's-1', name: 'pi' })],
  ['deleteInstance', (a) => a.deleteInstance('pi-1', {})],
  ['createReplication', (a) => a.createReplication({ server_group_id: GROUP_ID, volume_id: 'v-1', name: 'rp' })],
  ['deleteReplication', (a) => a.deleteReplication('rp-1', {})],
  ['attachReplication', (a) => a.attachReplication('pi-1', { replication_id: 'rp-1', device: '/dev/vdb' })],
  ['detachReplication', (a) => a.detachReplication('pi-1', 'rp-1')],
  ['serverAction os-stop', (a) => a.serverAction('os-stop', ['s-1'])],
];

/** Answers that are not the documented success, each with what the error must quote. */
const ANSWERS: [string, Reply, RegExp][] = [
  ['200 with an HTML page', { status: 200, body: html, headers: { 'content-type': 'text/html' } }, /HTTP 200 with an HTML page \(body: <!DOCTYPE html><html><head><title>Proxy says hello/],
  ['200 with {"error":{...}}', { status: 200, body: { error: { code: 'SDRS.1013', message: 'group not found' } } }, /HTTP 200 with an error document \(SDRS\.1013: group not found\)/],
  ['200 with {"code","message"}', { status: 200, body: { code: 'APIGW.0308', message: 'throttled' } }, /HTTP 200 with an error document \(APIGW\.0308: throttled\)/],
  ['200 with an empty body', { status: 200, body: '' }, /HTTP 200 with an empty body/],
  ['200 with text', { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } }, /HTTP 200 with a body that is not JSON \(body: OK\)/],
  ['200 with a JSON list', { status: 200, body: [{ job_id: JOB }] }, /HTTP 200 with a JSON list/],
  ['200 with no job_id', { status: 200, body: { jobId: JOB } }, /HTTP 200 with no "job_id" \(body: \{"jobId"/],
  ['200 with a malformed job_id', { status: 200, body: { job_id: '../../admin?x=1' } }, /HTTP 200 with a malformed "job_id" "\.\.\/\.\.\/admin\?x=1"/],
  ['200 with a non-string job_id', { status: 200, body: { job_id: { id: JOB } } }, /HTTP 200 with a malformed "job_id" an object/],
  ['202 with a body cut short', { status: 202, body: '{"job_id": "0123' }, /HTTP 202 with a body that is not JSON/],
  ['303 See Other', { status: 303, body: '', headers: { location: '/elsewhere' } }, /HTTP 303 See Other, not the documented answer/],
];

describe('a change answered with anything but {"job_id": "<id>"} is an unknown outcome', () => {
  it.each(ANSWERS)('%s: every mutating call, sent once, exit 7 with what was seen', async (_name, reply, seen) => {
    const s = await stub([reply]);
    const { api, sleeps } = makeClient(s.url);
    for (const [name, call] of MUTATIONS) {
      const before = s.seen.length;
      const err = await call(api).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(UnknownOutcomeError);
      expect((err as UnknownOutcomeError).exitCode, name).toBe(7);
      expect((err as UnknownOutcomeError).message, name).toMatch(/was sent but its outcome is unknown/);
      expect((err as UnknownOutcomeError).message, name).toMatch(seen);
      expect((err as UnknownOutcomeError).message, name).toMatch(/it was not sent again$/);
      expect((err as UnknownOutcomeError).details, name).toMatchObject({ method: expect.stringMatching(/^(POST|DELETE)$/), path: expect.stringContaining('/v1/') });
      expect(s.seen.length - before, `${name} sent once`).toBe(1);
    }
    expect(sleeps).toEqual([]);
  });

  it('a body larger than the limit: an unknown outcome, never re-sent', async () => {
    const s = await stub([{ status: 200, body: { job_id: JOB, pad: 'x'.repeat(200_000) } }]);
    const { api } = makeClient(s.url, { maxBodyBytes: 10_000 });
    const err = (await api.groupAction(GROUP_ID, { action: 'stop' }).catch((e: unknown) => e)) as UnknownOutcomeError;
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(err.message).toMatch(/a response larger than 10000 bytes, not read/);
    expect(err.details).toMatchObject({ method: 'POST', response: 'too_large' });
    expect(s.seen).toHaveLength(1);
  });

  it('the error details carry the status and the service code an error document claimed', async () => {
    const s = await stub([{ status: 200, body: { error: { code: 'SDRS.1013', message: 'group not found' } } }]);
    const err = (await makeClient(s.url).api.groupAction(GROUP_ID, { action: 'start' }).catch((e: unknown) => e)) as UnknownOutcomeError;
    expect(err.toJSON().error).toMatchObject({ code: 'OUTCOME_UNKNOWN', exit_code: 7, http_status: 200, answer_code: 'SDRS.1013', method: 'POST' });
  });

  it('a documented refusal (4xx with an error document) stays exit 3: the service said no', async () => {
    const s = await stub([{ status: 400, body: { error: { code: 'SDRS.1021', message: 'wrong status' } } }]);
    await expect(makeClient(s.url).api.groupAction(GROUP_ID, { action: 'start' })).rejects.toMatchObject({ exitCode: 3, apiCode: 'SDRS.1021' });
  });

  it('the same answers to a read stay a bad response (exit 7), unchanged', async () => {
    for (const [name, reply] of ANSWERS.filter(([n]) => /HTML|text|empty|list/.test(n))) {
      const s = await stub([reply]);
      const err = await makeClient(s.url).api.getGroup(GROUP_ID).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(NetworkError);
      expect(err, name).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
    }
  });
});

describe('ids in answers are checked where they are read (exit 7, never exit 2)', () => {
  const group = (over: object = {}) => ({ id: GROUP_ID, name: 'erp', status: 'protected', ...over });

  it.each([
    ['a group id with a slash', () => ({ server_groups: [group({ id: '../x' })], count: 1 }), /"server_groups" item 0 has the malformed "id" "\.\.\/x"/],
    ['a group id that is a number', () => ({ server_groups: [group({ id: 42 })], count: 1 }), /has no "id"/],
    ['an instance naming a malformed group', () => ({ protected_instances: [{ id: 'pi-1', server_group_id: 'a b', source_server: 's', target_server: 't', attachment: [] }], count: 1 }), /"protected_instances" item 0 has "server_group_id" that is "a b" is not a well-formed id/],
    ['an instance naming a malformed server', () => ({ protected_instances: [{ id: 'pi-1', server_group_id: 'g', source_server: 's?x', target_server: 't', attachment: [] }], count: 1 }), /"source_server" that is "s\?x"/],
    ['a pair attached to a malformed instance', () => ({ replications: [{ id: 'rp-1', server_group_id: 'g', attachment: [{ protected_instance: '%2e%2e', device: '/dev/vdb' }] }], count: 1 }), /"attachment.protected_instance" that is "%2e%2e"/],
  ])('%s: BAD_RESPONSE naming the value', async (_name, body, message) => {
    const s = await stub([{ status: 200, body: body() }]);
    const { api } = makeClient(s.url);
    const key = Object.keys(body())[0];
    const list = key === 'server_groups' ? api.listGroups() : key === 'protected_instances' ? api.listAllInstances() : api.listAllReplications();
    const err = (await list.catch((e: unknown) => e)) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
    expect(err.message).toMatch(message);
  });

  it('an object read by id with a malformed id', async () => {
    const s = await stub([{ status: 200, body: { server_group: group({ id: 'a/b' }) } }]);
    await expect(makeClient(s.url).api.getGroup(GROUP_ID)).rejects.toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7, message: expect.stringMatching(/malformed "id" "a\/b"/) });
  });

  it('absent or null ids are left to the commands (a pair without attachments, an instance still creating)', async () => {
    const s = await stub([{ status: 200, body: { protected_instances: [{ id: 'pi-1', server_group_id: 'g', source_server: 's', target_server: null, attachment: [] }], count: 1 } }]);
    expect(await makeClient(s.url).api.listAllInstances()).toHaveLength(1);
  });
});

describe('a job answer must be the job asked for, with usable ids', () => {
  const job = (over: object = {}) => ({ job_id: JOB, status: 'RUNNING', job_type: 't', begin_time: null, end_time: null, error_code: null, fail_reason: null, entities: {}, ...over });

  it.each([
    ['another job', job({ job_id: 'ffffffffffffffffffffffffffffffff', status: 'SUCCESS' }), /asked for job 0123456789abcdef0123456789abcdef, the answer is job ffffffffffffffffffffffffffffffff/, { answered_job_id: 'ffffffffffffffffffffffffffffffff' }],
    ['a malformed job_id', job({ job_id: 'x/y' }), /job "job_id" "x\/y" is not a well-formed id/, {}],
    ['a malformed group id in entities', job({ status: 'SUCCESS', entities: { server_group_id: '../../v1/admin' } }), /job "entities.server_group_id" "\.\.\/\.\.\/v1\/admin" is not a well-formed id/, {}],
    ['a malformed instance id in entities', job({ entities: { protected_instance_id: 'a b' } }), /"entities.protected_instance_id"/, {}],
    ['an object where the pair id belongs', job({ entities: { replication_pair_id: { id: 'rp' } } }), /"entities.replication_pair_id" is an object, not an id/, {}],
  ])('%s: BAD_RESPONSE (exit 7) for getJob and getEcsJob, with the job id', async (_name, body, message, extra) => {
    const s = await stub([{ status: 200, body }]);
    const { api } = makeClient(s.url);
    for (const read of [api.getJob(JOB), api.getEcsJob(JOB)]) {
      const err = (await read.catch((e: unknown) => e)) as NetworkError;
      expect(err).toBeInstanceOf(NetworkError);
      expect(err).toMatchObject({ code: 'BAD_RESPONSE', exitCode: 7 });
      expect(err.message).toMatch(message);
      expect(err.details).toMatchObject({ job_id: JOB, response: 'unexpected', ...extra });
    }
  });

  it('the job asked for, with volume_ids (a list, not an id), is accepted', async () => {
    const s = await stub([{ status: 200, body: job({ entities: { server_group_id: GROUP_ID, volume_ids: 'v-1,v-2' } }) }]);
    expect((await makeClient(s.url).api.getJob(JOB)).job_id).toBe(JOB);
  });
});
