/** Issue 15: the gaps an official-SDK client found, route by route over real HTTP. */
import { describe, expect, it } from 'vitest';
import { harness } from './setup.js';

describe('routes the emulator does not serve', () => {
  it('GET /protected-instances/tags is the documented 404 APIGW.0101, not a show-instance 400', async () => {
    const { c, emu } = await harness({ seed: 'demo' });
    const r = await c.get('/protected-instances/tags');
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe('APIGW.0101');
    expect(r.body.error_msg).toContain(`GET /v1/${emu.projectId}/protected-instances/tags`);
    expect(r.body.request_id).toBe(r.headers.get('x-request-id'));
    // The same answer as any other unknown route, and the show route still works.
    const other = await c.get('/protected-instances/x/nonsense/y');
    expect(other.status).toBe(404);
    expect(other.body.error_code).toBe('APIGW.0101');
    expect((await c.get('/protected-instances/nope')).body.error.code).toBe('SDRS.1320');
  });
});

describe('signatures with another algorithm the SDKs offer', () => {
  for (const alg of ['SDK-HMAC-SM3', 'SDK-ECDSA-P256', 'SDK-SM2-SM3']) {
    it(`names ${alg} and says only SDK-HMAC-SHA256 is verified`, async () => {
      const { c } = await harness();
      const r = await c.get('/server-groups', {
        unsigned: true,
        headers: { Authorization: `${alg} Access=AK, SignedHeaders=host;x-sdk-date, Signature=00`, 'X-Sdk-Date': '20240301T080000Z' },
      });
      expect(r.status).toBe(401);
      expect(r.body.error_code).toBe('APIGW.0301');
      expect(r.body.error_msg).toContain(`signed with ${alg}`);
      expect(r.body.error_msg).toContain('verifies only SDK-HMAC-SHA256');
    });
  }

  it('keeps the generic message for a header that names no SDK algorithm', async () => {
    const { c } = await harness();
    const r = await c.get('/server-groups', { unsigned: true, headers: { Authorization: 'Bearer x' } });
    expect(r.body.error_msg).toContain('is not "SDK-HMAC-SHA256 Access=');
  });
});
