/** World records -> the exact wire shapes of src/api/types.ts (reference sections 3 to 5). */
import type { ActiveDomain, Job, ProtectedInstance, Replication, Server, ServerGroup, SubJob, Vpc } from '../api/types.js';
import { flavorSizes, macAddress, portId, privateIp, stableHex } from './ecs.js';
import { isoTime, microTime, spaceTime, stableUuid } from './format.js';
import type { DomainRec, DrillRec, GroupRec, InstanceRec, JobRec, ReplicationRec, ServerRec, SubnetRec, VolumeRec, VpcRec, World } from './world.js';
import { drillsOf, instancesOf, replicationsOf } from './world.js';

export function groupView(w: World, g: GroupRec): ServerGroup {
  const domain = w.domains.find((d) => d.id === g.domainId);
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    status: g.status,
    progress: g.progress,
    source_availability_zone: g.sourceAz,
    target_availability_zone: g.targetAz,
    domain_id: g.domainId,
    domain_name: domain?.name ?? '',
    priority_station: g.priority,
    protected_instance_num: instancesOf(w, g.id).length,
    replication_num: replicationsOf(w, g.id).length,
    disaster_recovery_drill_num: drillsOf(w, g.id).length,
    protected_status: null,
    replication_status: null,
    health_status: null,
    source_vpc_id: g.vpcId,
    target_vpc_id: g.vpcId,
    test_vpc_id: null,
    dr_type: 'migration',
    created_at: spaceTime(g.createdAt),
    updated_at: spaceTime(g.updatedAt),
    protection_type: 'replication-pair',
    replication_model: null,
    server_type: 'ECS',
  };
}

export function instanceView(w: World, pi: InstanceRec): ProtectedInstance {
  return {
    id: pi.id,
    name: pi.name,
    description: pi.description,
    server_group_id: pi.groupId,
    status: pi.status,
    progress: pi.progress,
    source_server: pi.sourceServer,
    target_server: pi.targetServer,
    priority_station: w.groups[pi.groupId]?.priority ?? 'source',
    attachment: pi.attachment.map((a) => ({ ...a })),
    tags: pi.tags.map((t) => ({ ...t })),
    metadata: { ...pi.metadata },
    created_at: spaceTime(pi.createdAt),
    updated_at: spaceTime(pi.updatedAt),
  };
}

export function replicationView(w: World, r: ReplicationRec): Replication {
  const vol = w.volumes[r.sourceVolume] ?? w.volumes[r.targetVolume];
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    status: r.status,
    volume_ids: `${r.sourceVolume},${r.targetVolume}`,
    attachment: r.attachment.map((a) => ({ ...a })),
    replication_model: 'hypermetro',
    replication_status: r.replicationStatus,
    progress: r.progress,
    failure_detail: r.failureDetail,
    fault_level: r.faultLevel,
    record_metadata: {
      multiattach: false,
      bootable: vol?.bootable ?? false,
      volume_size: vol?.sizeGb ?? 0,
      volume_type: vol?.type ?? 'SAS',
    },
    server_group_id: r.groupId,
    priority_station: w.groups[r.groupId]?.priority ?? 'source',
    created_at: microTime(r.createdAt),
    updated_at: microTime(r.updatedAt),
  };
}

export function domainView(d: DomainRec): ActiveDomain {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    sold_out: d.soldOut,
    local_replication_cluster: { availability_zone: d.localAz },
    remote_replication_cluster: { availability_zone: d.remoteAz },
  };
}

export function vpcView(v: VpcRec): Vpc {
  return { id: v.id, name: v.name, cidr: v.cidr, status: v.status, description: v.description, routes: [], enterprise_project_id: '0' };
}

/**
 * ECS server as `GET /v1/{project_id}/cloudservers/{id}` returns it: every
 * field the official ECS model (ServerDetail) marks required, with its
 * exact name and type. Addresses, host ids and flavor sizes are derived
 * from the server id (ecs.ts), so they are stable without being stored.
 */
/** A server with an unfinished os-stop/os-start job shows it as its task_state (as ECS does). */
function powerTask(w: World, s: ServerRec): string {
  for (const j of Object.values(w.jobs)) {
    if (j.settled || j.effect.kind !== 'server-power' || !j.effect.serverIds.includes(s.id) || j.effect.status === s.status) continue;
    return j.effect.status === 'SHUTOFF' ? 'powering-off' : 'powering-on';
  }
  return '';
}

export function serverView(w: World, s: ServerRec): Server {
  const volumes = Object.values(w.volumes).filter((v) => v.serverId === s.id);
  const vpc = w.vpcs.find((v) => v.id === s.vpcId);
  const ip = vpc ? privateIp(vpc.cidr, s.ipFrom ?? s.id) : undefined;
  const active = s.status === 'ACTIVE';
  const vmState = active ? 'active' : s.status === 'BUILD' ? 'building' : s.status === 'ERROR' ? 'error' : 'stopped';
  const hostId = stableHex(`host:${s.az}:${s.id}`).slice(0, 28);
  const seconds = (ms: number) => isoTime(ms).replace(/\.\d{3}Z$/, 'Z');
  return {
    id: s.id,
    name: s.name,
    description: '',
    status: s.status,
    progress: 0,
    addresses: ip
      ? { [s.vpcId]: [{ version: '4', addr: ip, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': macAddress(s.id), 'OS-EXT-IPS:port_id': portId(s.id) }] }
      : {},
    flavor: { id: s.flavor, name: s.flavor, ...flavorSizes(s.flavor) },
    image: { id: stableUuid('image:CentOS 7.9 64bit') },
    security_groups: [{ name: 'default', id: stableUuid(`sg:${s.vpcId}:default`) }],
    key_name: '',
    hostId,
    user_id: stableHex(`user:${w.projectId}`),
    tenant_id: w.projectId,
    accessIPv4: '',
    accessIPv6: '',
    config_drive: '',
    host_status: 'UP',
    locked: false,
    'OS-EXT-AZ:availability_zone': s.az,
    'OS-EXT-STS:vm_state': vmState,
    'OS-EXT-STS:power_state': active ? 1 : vmState === 'stopped' ? 4 : 0,
    'OS-EXT-STS:task_state': s.status === 'BUILD' ? 'spawning' : powerTask(w, s),
    'OS-EXT-SRV-ATTR:host': hostId,
    'OS-EXT-SRV-ATTR:hypervisor_hostname': `nova-${hostId.slice(0, 8)}`,
    'OS-EXT-SRV-ATTR:instance_name': `instance-${stableHex(`inst:${s.id}`).slice(0, 8)}`,
    'OS-EXT-SRV-ATTR:hostname': s.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'ecs',
    'OS-EXT-SRV-ATTR:reservation_id': `r-${stableHex(`resv:${s.id}`).slice(0, 8)}`,
    'OS-EXT-SRV-ATTR:launch_index': 0,
    'OS-EXT-SRV-ATTR:kernel_id': '',
    'OS-EXT-SRV-ATTR:ramdisk_id': '',
    'OS-EXT-SRV-ATTR:root_device_name': '/dev/vda',
    'OS-SRV-USG:launched_at': microTime(s.createdAt),
    'OS-SRV-USG:terminated_at': '',
    'OS-DCF:diskConfig': 'MANUAL',
    metadata: { vpc_id: s.vpcId },
    'os-extended-volumes:volumes_attached': volumes.map((v) => ({
      id: v.id,
      device: v.device ?? '',
      bootIndex: v.bootable ? '0' : null,
      delete_on_termination: String(v.bootable),
    })),
    tags: [],
    enterprise_project_id: '0',
    created: seconds(s.createdAt),
    updated: seconds(s.updatedAt),
  };
}

/** The SDK's ShowDisasterRecoveryDrillParams. */
export interface DrillWire {
  id: string;
  name: string;
  status: string;
  drill_vpc_id: string;
  created_at: string;
  updated_at: string;
  server_group_id: string;
  drill_servers: { protected_instance: string; drill_server_id: string }[];
}

/** A DR drill as the SDK's ShowDisasterRecoveryDrillParams (show, list and rename answers). */
export function drillView(d: DrillRec): DrillWire {
  return {
    id: d.id,
    name: d.name,
    status: d.status,
    drill_vpc_id: d.vpcId,
    created_at: spaceTime(d.createdAt),
    updated_at: spaceTime(d.updatedAt),
    server_group_id: d.groupId,
    drill_servers: d.servers.map((x) => ({ protected_instance: x.protected_instance, drill_server_id: x.drill_server_id })),
  };
}

/** A subnet as the VPC SDK's Subnet model (IPv4 only, so no `cidr_v6`, `gateway_ip_v6` or `neutron_subnet_id_v6`). */
export function subnetView(s: SubnetRec, az: string): Record<string, unknown> {
  const base = s.cidr.split('/')[0].split('.');
  const gateway = base.length === 4 ? [...base.slice(0, 3), String(Number(base[3]) + 1)].join('.') : '';
  return {
    id: s.id,
    name: s.name,
    description: '',
    cidr: s.cidr,
    gateway_ip: gateway,
    ipv6_enable: false,
    dhcp_enable: true,
    primary_dns: '100.125.1.250',
    secondary_dns: '100.125.21.250',
    dnsList: ['100.125.1.250', '100.125.21.250'],
    availability_zone: az,
    vpc_id: s.vpcId,
    status: 'ACTIVE',
    neutron_network_id: stableUuid(`network:${s.id}`),
    neutron_subnet_id: stableUuid(`neutron-subnet:${s.id}`),
    extra_dhcp_opts: [],
  };
}

export function volumeView(v: VolumeRec): Record<string, unknown> {
  return {
    id: v.id,
    name: v.name,
    size: v.sizeGb,
    volume_type: v.type,
    bootable: String(v.bootable),
    availability_zone: v.az,
    status: v.serverId ? 'in-use' : 'available',
    attachments: v.serverId ? [{ server_id: v.serverId, device: v.device }] : [],
  };
}

export type JobPhase = 'INIT' | 'RUNNING' | 'DONE';

/** Where a job is at `now`: the first 10% of its duration is INIT, then RUNNING until it ends. */
export function jobPhase(j: JobRec, now: number): JobPhase {
  if (now >= j.beginAt + j.durationMs) return 'DONE';
  return now < j.beginAt + j.durationMs * 0.1 ? 'INIT' : 'RUNNING';
}

/** The job object at `now`, computed from the clock (nothing ticks in the background). */
export function jobView(j: JobRec, now: number): Job {
  const phase = jobPhase(j, now);
  const done = phase === 'DONE';
  const endTime = done ? isoTime(j.beginAt + j.durationMs) : null;
  // A job and its sub-jobs share the begin time; each has its own id, type and failure.
  const fields = (r: { id: string; type: string; fail: { code: string; reason: string } | null }) => ({
    status: done ? (r.fail ? 'FAIL' : 'SUCCESS') : phase,
    job_id: r.id,
    job_type: r.type,
    begin_time: isoTime(j.beginAt),
    end_time: endTime,
    error_code: done && r.fail ? r.fail.code : null,
    fail_reason: done && r.fail ? r.fail.reason : null,
  });
  const entities: Job['entities'] = { ...j.entities };
  // sub_jobs only when there are sub-jobs: golangsdk decodes pair/attach
  // entities into map[string]string and would choke on an empty array.
  if (j.subJobs) {
    const n = j.subJobs.length;
    entities.sub_jobs = j.subJobs.map((s, i): SubJob => {
      // The sub-jobs (one per pair or server) finish spread over the job's duration, the
      // i-th of n at (i + 1) / n of it, the last with the job (UNVERIFIED: docs/emulator.md).
      const endAt = i === n - 1 ? j.beginAt + j.durationMs : j.beginAt + Math.round((j.durationMs * (i + 1)) / n);
      if (done || now < endAt) return { ...fields(s), entities: { ...s.entities } };
      return {
        ...fields(s),
        status: s.fail ? 'FAIL' : 'SUCCESS',
        end_time: isoTime(endAt),
        error_code: s.fail ? s.fail.code : null,
        fail_reason: s.fail ? s.fail.reason : null,
        entities: { ...s.entities },
      };
    });
    if (j.service === 'ecs') entities.sub_jobs_total = j.subJobs.length;
  }
  return { ...fields(j), entities };
}
