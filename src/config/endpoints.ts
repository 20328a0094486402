/** Default service endpoints per region. */

/** The services sdrs talks to. */
export const SERVICES = ['sdrs', 'ecs', 'vpc', 'iam'] as const;
export type Service = (typeof SERVICES)[number];

/**
 * Regions whose host differs from their id. Every official SDK (Go, Python,
 * Java, C++) maps SDRS in ap-southeast-2 to the ap-southeast-3 host; copied
 * as-is because it is what the SDKs that work in production do.
 */
const HOST_REGION: Partial<Record<Service, Record<string, string>>> = {
  sdrs: { 'ap-southeast-2': 'ap-southeast-3' },
};

/** `https://{service}.{region}.myhuaweicloud.com`, with the SDK region quirks applied. */
export function defaultEndpoint(service: Service, region: string): string {
  const host = HOST_REGION[service]?.[region] ?? region;
  return `https://${service}.${host}.myhuaweicloud.com`;
}
