/**
 * What the emulator invents for an ECS server beyond its stored record:
 * a private IP in its VPC's CIDR, a MAC and port, the flavor's sizes and
 * host identifiers. All are derived from the server id, so they are stable
 * across requests and restarts without being stored.
 */
import { createHash } from 'node:crypto';
import { stableUuid } from './format.js';

function digest(label: string): Buffer {
  return createHash('sha256').update(label).digest();
}

/** 32 hex characters derived from a label. */
export function stableHex(label: string): string {
  return digest(label).toString('hex').slice(0, 32);
}

/**
 * A stable private IPv4 address for a server inside `cidr` (e.g.
 * `192.168.0.0/16`): a host between .10 of the network and the one before
 * the broadcast address, as a VPC subnet leaves the first addresses to the
 * gateway and DHCP. `undefined` for a CIDR that is not IPv4 `a.b.c.d/n` with n ≤ 28.
 */
export function privateIp(cidr: string, serverId: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 28) return undefined;
  const size = 2 ** (32 - bits);
  const network = octets.reduce((a, o) => a * 256 + o, 0);
  const base = network - (network % size);
  const hosts = size - 11; // .10 up to broadcast - 1
  const offset = 10 + (digest(`ip:${serverId}`).readUInt32BE(0) % hosts);
  const ip = base + offset;
  return [24, 16, 8, 0].map((s) => Math.floor(ip / 2 ** s) % 256).join('.');
}

/** A stable locally administered MAC address (`fa:16:3e:…`, as OpenStack ports have). */
export function macAddress(serverId: string): string {
  const b = digest(`mac:${serverId}`);
  return ['fa', '16', '3e', ...[0, 1, 2].map((i) => b[i].toString(16).padStart(2, '0'))].join(':');
}

/** A stable port id for the server's NIC. */
export function portId(serverId: string): string {
  return stableUuid(`port:${serverId}`);
}

const SIZES: Record<string, number> = { small: 1, medium: 1, large: 2, xlarge: 4 };

/**
 * vCPUs and RAM (MB) from a Huawei flavor name `<family>.<size>.<ratio>`:
 * `small`/`medium` are 1 vCPU, `large` 2, `xlarge` 4, `Nxlarge` 4N; RAM is vCPUs × ratio GB.
 * Unknown names get 2 vCPUs and 4096 MB. Strings, as in the official model.
 */
export function flavorSizes(name: string): { vcpus: string; ram: string; disk: string } {
  const m = /^[a-z0-9]+\.(small|medium|large|xlarge|(\d+)xlarge)\.(\d+)$/.exec(name);
  if (!m) return { vcpus: '2', ram: '4096', disk: '0' };
  const vcpus = m[2] ? Number(m[2]) * 4 : SIZES[m[1]];
  return { vcpus: String(vcpus), ram: String(vcpus * Number(m[3]) * 1024), disk: '0' };
}
