/** The version of sdrs, for `--version` and the User-Agent. */

declare const __SDRS_VERSION__: string | undefined;

/** Injected at build time (scripts/build.mjs); read from package.json when running from source (tests). */
export const VERSION: string =
  typeof __SDRS_VERSION__ === 'string' ? __SDRS_VERSION__ : (process.env.npm_package_version ?? '0.0.0-dev');
