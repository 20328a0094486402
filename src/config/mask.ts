/** Masking of secrets for `config show`, `--dry-run` and `--debug` output. */

/** Shows at most the last 4 characters of an access key: `****WXYZ` (just `****` when short). */
export function maskAccessKey(ak: string): string {
  return ak.length >= 12 ? `****${ak.slice(-4)}` : '****';
}

/** A secret (SK, security token, IAM token) is never shown, only whether it is set. */
export function maskSecret(value: string | undefined): string | undefined {
  return value ? '****' : undefined;
}
