/** Errors the emulator answers with, in the two documented body shapes (reference 6.1). */

/** An error that becomes an HTTP response. */
export class EmuError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

/** An SDRS service error: `{"error":{"code","message"}}`. Not-found is 400 here, as in the real service. */
export function sdrsError(code: string, message: string, status = 400): EmuError {
  return new EmuError(status, { error: { code, message } });
}

/** A gateway error: `{"error_code","error_msg","request_id"}` (request_id filled in by the server). */
export function gatewayError(status: number, code: string, message: string, headers: Record<string, string> = {}): EmuError {
  return new EmuError(status, { error_code: code, error_msg: message }, headers);
}

/** APIGW.0301 (HTTP 401): the signature or token did not verify. */
export function authFailure(detail: string): EmuError {
  return gatewayError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${detail}`);
}

export const notFound = {
  group: (id: string) => sdrsError('SDRS.1013', `The protection group ${id} does not exist.`),
  instance: (id: string) => sdrsError('SDRS.1320', `The protected instance ${id} does not exist.`),
  replication: (id: string) => sdrsError('SDRS.1608', `The replication pair ${id} does not exist.`),
};

/** Invalid request parameters (generic). */
export function badRequest(message: string): EmuError {
  return sdrsError('SDRS.0201', `Invalid request parameters: ${message}`);
}
