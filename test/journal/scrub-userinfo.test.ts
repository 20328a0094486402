/** The URL userinfo scrub of the journal: up to the last `@` of the URL, in linear time. */
import { describe, expect, it } from 'vitest';
import { scrubArgv, stripUserinfo } from '../../src/journal/scrub.js';

describe('stripUserinfo', () => {
  it('redacts a password holding @, / or ? whole: nothing of it is left', () => {
    expect(stripUserinfo('https://admin:p@ss@host/x')).toBe('https://<redacted>@host/x');
    expect(stripUserinfo('https://admin:a/b@host')).toBe('https://<redacted>@host');
    expect(stripUserinfo('--endpoint=https://u:a?b#c@sdrs.example.com:8443/v1')).toBe('--endpoint=https://<redacted>@sdrs.example.com:8443/v1');
    expect(stripUserinfo('curl "https://u:p@h/a" -H x && wget ftp://me:pw@f/b')).toBe('curl "https://<redacted>@h/a" -H x && wget ftp://<redacted>@f/b');
    expect(scrubArgv(['--verify', 'curl -fsS https://ops:s3/cr@t@10.0.0.5/health'])).toEqual(['--verify', 'curl -fsS https://<redacted>@10.0.0.5/health']);
  });

  it('leaves a URL without userinfo, and text without a URL, as it is', () => {
    for (const s of ['https://sdrs.example.com/x', 'a://b', 'no url here', '://x@y', 'mailto:a@b.c']) expect(stripUserinfo(s)).toBe(s);
  });

  it('stays linear on 100 kB of hostile input', () => {
    for (const s of ['a://'.repeat(25_000), 'https://' + 'a@'.repeat(50_000), ('x://y ').repeat(17_000), 'a'.repeat(100_000) + '://', '@'.repeat(100_000) + 'h://x']) {
      const t0 = performance.now();
      stripUserinfo(s);
      expect(performance.now() - t0).toBeLessThan(200);
    }
  });
});
