/** Every timestamp form the SDRS/ECS reference documents parses to the same UTC instant. */
import { describe, expect, it } from 'vitest';
import { parseServiceTime } from '../../src/util/time.js';

const at = (iso: string) => new Date(iso).getTime();

describe('parseServiceTime', () => {
  it('jobs: yyyy-MM-ddTHH:mm:ss.SSSZ', () => {
    expect(parseServiceTime('2018-04-19T01:55:30.443Z')).toBe(at('2018-04-19T01:55:30.443Z'));
  });
  it('protection groups and instances: yyyy-MM-dd HH:mm:ss.SSS, no zone, is UTC', () => {
    expect(parseServiceTime('2019-05-23 03:51:58.256')).toBe(at('2019-05-23T03:51:58.256Z'));
  });
  it('the one-digit fraction another OTC page shows: 2018-05-09 22:11:45.0', () => {
    expect(parseServiceTime('2018-05-09 22:11:45.0')).toBe(at('2018-05-09T22:11:45.000Z'));
  });
  it('replication pairs: microseconds, no zone, is UTC (truncated to ms)', () => {
    expect(parseServiceTime('2018-05-04T03:43:24.108526')).toBe(at('2018-05-04T03:43:24.108Z'));
  });
  it('ECS: seconds and Z; an explicit offset is honoured', () => {
    expect(parseServiceTime('2019-05-22T03:30:52Z')).toBe(at('2019-05-22T03:30:52Z'));
    expect(parseServiceTime('2019-05-22T11:30:52+08:00')).toBe(at('2019-05-22T03:30:52Z'));
    expect(parseServiceTime('2019-05-22 03:30:52')).toBe(at('2019-05-22T03:30:52Z'));
  });
  it('anything else is NaN, never a guess', () => {
    for (const bad of ['', 'yesterday', '2019-05-22', '2024-02-31 00:00:00', '2019-13-01T00:00:00Z', null, 5, '2019-05-22T03:30:52.1234567890Z']) {
      expect(parseServiceTime(bad), String(bad)).toBeNaN();
    }
  });
  it('does not depend on the local time zone (Date.parse reads zone-less forms as local time)', () => {
    // The instant is the same whatever TZ the process runs in: it is computed with Date.UTC.
    const t = parseServiceTime('2019-05-23 03:51:58.256');
    expect(new Date(t).toISOString()).toBe('2019-05-23T03:51:58.256Z');
  });
});
