/** Masking of secrets for `config show`, `--dry-run` and `--debug` output. */

/** Shows at most the last 4 characters of an access key: `****WXYZ` (just `****` when short). */
export function maskAccessKey(ak: string): string {
  return ak.length >= 12 ? `****${ak.slice(-4)}` : '****';
}

/** A secret (SK, security token, IAM token) is never shown, only whether it is set. */
export function maskSecret(value: string | undefined): string | undefined {
  return value ? '****' : undefined;
}

/** A URL with its user:password part (a credential) replaced by `***`, for messages. */
export function maskUrlCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}
