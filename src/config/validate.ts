/** Checks of settings (region, endpoint) from flags, env, config files and `config init`. */

/** Region ids such as `cn-north-4`; they become part of a host name. */
const REGION_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True when `region` is a plausible region id. */
export function isValidRegion(region: string): boolean {
  return REGION_PATTERN.test(region) && region.length <= 64;
}

/** Normalises an endpoint: an http(s) URL without path, query or trailing slash; undefined when invalid. */
export function normaliseEndpoint(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
