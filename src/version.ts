/** The version of sdrs, for `--version` and the User-Agent. */

declare const __SDRS_VERSION__: string | undefined;
declare const __SDRS_SEA__: boolean | undefined;

/** Injected at build time (scripts/build.mjs); read from package.json when running from source (tests). */
export const VERSION: string =
  typeof __SDRS_VERSION__ === 'string' ? __SDRS_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');

/**
 * True in the single-file executable (scripts/package.mjs, Node's SEA): there is no `node`
 * on the host, and process.execPath is sdrs itself, so nothing may spawn `node`.
 */
export const SINGLE_EXECUTABLE: boolean = typeof __SDRS_SEA__ === 'boolean' && __SDRS_SEA__;
