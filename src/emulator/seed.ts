/**
 * The seeded world. IDs are derived from fixed labels so docs, tests and
 * rehearsal scripts can name them; timestamps come from the clock.
 *
 * `empty`: one active-active domain (cn-north-4a -> cn-north-4b), two VPCs,
 * seven ECS servers with disks. `demo` adds `demo-erp`, already protected on
 * its source side, with two instances and four attached pairs, its production
 * servers ACTIVE (so a reverse is refused until they are stopped).
 */
import { newUuid, stableUuid } from './format.js';
import type { GroupRec, InstanceRec, PowerStatus, ReplicationRec, SeedName, ServerRec, ServerStatus, SubnetRec, VolumeRec, VpcRec, World } from './world.js';

export const SEED_IDS = {
  domain: stableUuid('seed:domain:cn-north-4'),
  vpc: stableUuid('seed:vpc:vpc-prod'),
  testVpc: stableUuid('seed:vpc:vpc-lab'),
  server: (name: string) => stableUuid(`seed:server:${name}`),
  volume: (server: string, disk: 'sys' | 'data') => stableUuid(`seed:volume:${server}:${disk}`),
  demoGroup: stableUuid('seed:group:demo-erp'),
  demoInstance: (server: string) => stableUuid(`seed:instance:${server}`),
  demoReplication: (server: string, disk: 'sys' | 'data') => stableUuid(`seed:replication:${server}:${disk}`),
  drServer: (server: string) => stableUuid(`seed:dr-server:${server}`),
  drVolume: (server: string, disk: 'sys' | 'data') => stableUuid(`seed:dr-volume:${server}:${disk}`),
};

export const LOCAL_AZ = 'cn-north-4a';
export const REMOTE_AZ = 'cn-north-4b';
/** An AZ that exists in the region but belongs to no active-active domain. */
export const OTHER_AZ = 'cn-north-4c';

/** name, AZ, VPC: the production servers of every seed. */
const SERVERS: [string, string, 'prod' | 'lab'][] = [
  ['erp-app-01', LOCAL_AZ, 'prod'],
  ['erp-db-01', LOCAL_AZ, 'prod'],
  ['web-01', LOCAL_AZ, 'prod'],
  ['web-02', LOCAL_AZ, 'prod'],
  ['batch-01', LOCAL_AZ, 'prod'],
  ['ops-01', REMOTE_AZ, 'prod'],
  ['lab-01', LOCAL_AZ, 'lab'],
];

/** A fresh world for `seed`. */
export function seedWorld(projectId: string, seed: SeedName, now: number): World {
  const w: World = {
    version: 1,
    projectId,
    seed,
    domains: [
      {
        id: SEED_IDS.domain,
        name: 'dom-cn-north-4',
        description: 'Active-active domain cn-north-4a <-> cn-north-4b',
        soldOut: false,
        localAz: LOCAL_AZ,
        remoteAz: REMOTE_AZ,
      },
    ],
    vpcs: [
      { id: SEED_IDS.vpc, name: 'vpc-prod', cidr: '192.168.0.0/16', status: 'OK', description: 'production VPC' },
      { id: SEED_IDS.testVpc, name: 'vpc-lab', cidr: '10.10.0.0/16', status: 'OK', description: 'lab VPC' },
    ],
    servers: {},
    volumes: {},
    groups: {},
    instances: {},
    replications: {},
    subnets: [],
    drills: {},
    jobs: {},
    tokens: {},
    failNext: [],
    seq: 0,
  };
  w.subnets = w.vpcs.map((v) => firstSubnet(v, now));
  for (const [name, az, vpc] of SERVERS) {
    addServer(w, {
      id: SEED_IDS.server(name),
      name,
      az,
      vpcId: vpc === 'prod' ? SEED_IDS.vpc : SEED_IDS.testVpc,
      status: 'ACTIVE',
      now,
      volumeIds: [SEED_IDS.volume(name, 'sys'), SEED_IDS.volume(name, 'data')],
    });
  }
  if (seed === 'demo') addDemoGroup(w, now);
  return w;
}

/**
 * The one subnet a seeded (or automatically created) VPC has: the first /24 of its CIDR
 * (the whole CIDR when that is smaller), with an id derived from the VPC id.
 */
export function firstSubnet(v: VpcRec, now: number): SubnetRec {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}\/(\d{1,2})$/.exec(v.cidr);
  const cidr = m && Number(m[4]) <= 24 ? `${m[1]}.${m[2]}.${m[3]}.0/24` : v.cidr;
  return { id: stableUuid(`subnet:${v.id}`), name: `subnet-${v.name}`.slice(0, 64), cidr, vpcId: v.id, createdAt: now };
}

export interface AddServerInput {
  id: string;
  name: string;
  az: string;
  vpcId: string;
  status: ServerStatus;
  now: number;
  flavor?: string;
  role?: 'production' | 'dr' | 'drill';
  /** IDs for a system disk (40 GB SSD) and a data disk (100 GB SAS); empty for none. */
  volumeIds: string[];
}

/** Adds a server and its disks (system disk `/dev/vda`, data disks `/dev/vdb`...). */
export function addServer(w: World, s: AddServerInput): { server: ServerRec; volumes: VolumeRec[] } {
  const server: ServerRec = {
    id: s.id,
    name: s.name,
    status: s.status,
    az: s.az,
    vpcId: s.vpcId,
    flavor: s.flavor ?? 's6.large.2',
    role: s.role ?? 'production',
    createdAt: s.now,
    updatedAt: s.now,
  };
  w.servers[server.id] = server;
  const volumes = s.volumeIds.map((id, i): VolumeRec => {
    const v: VolumeRec = {
      id,
      name: `${s.name}-${i === 0 ? 'sys' : `data${i}`}`,
      sizeGb: i === 0 ? 40 : 100,
      type: i === 0 ? 'SSD' : 'SAS',
      bootable: i === 0,
      az: s.az,
      serverId: server.id,
      device: `/dev/vd${String.fromCharCode(97 + i)}`,
      role: server.role,
      createdAt: s.now,
    };
    w.volumes[id] = v;
    return v;
  });
  return { server, volumes };
}

function addDemoGroup(w: World, now: number): void {
  const g = newGroup(w, { id: SEED_IDS.demoGroup, name: 'demo-erp', description: 'ERP application and database (seeded)', now });
  for (const name of ['erp-app-01', 'erp-db-01']) {
    protect(w, g, SEED_IDS.server(name), now, {
      instance: SEED_IDS.demoInstance(name),
      drServer: SEED_IDS.drServer(name),
      drVolume: (i) => SEED_IDS.drVolume(name, i === 0 ? 'sys' : 'data'),
      replication: (i) => SEED_IDS.demoReplication(name, i === 0 ? 'sys' : 'data'),
      replicationName: (i) => `rp-${name}-${i === 0 ? 'sys' : 'data'}`,
    });
  }
}

/** A group record, protected on its source side in the first domain and VPC. */
function newGroup(w: World, g: { id: string; name: string; description: string | null; now: number }): GroupRec {
  const domain = w.domains[0];
  const rec: GroupRec = {
    id: g.id,
    name: g.name,
    description: g.description,
    status: 'protected',
    progress: 100,
    sourceAz: domain.localAz,
    targetAz: domain.remoteAz,
    domainId: domain.id,
    vpcId: w.vpcs[0].id,
    priority: 'source',
    createdAt: g.now,
    updatedAt: g.now,
  };
  w.groups[rec.id] = rec;
  return rec;
}

interface ProtectIds {
  instance: string;
  drServer: string;
  /** By the disk's index on the production server (0 = system disk). */
  drVolume(i: number): string;
  replication(i: number): string;
  replicationName(i: number): string;
}

/** Protects a production server in `g`: a SHUTOFF DR server, DR disks, one attached pair per disk. */
function protect(w: World, g: GroupRec, prodId: string, now: number, ids: ProtectIds): InstanceRec {
  const prod = w.servers[prodId];
  const dr = addServer(w, { id: ids.drServer, name: prod.name, az: g.targetAz, vpcId: g.vpcId, status: 'SHUTOFF', now, role: 'dr', volumeIds: [] }).server;
  const pi: InstanceRec = {
    id: ids.instance,
    name: `pi-${prod.name}`,
    description: null,
    groupId: g.id,
    status: 'protected',
    progress: 100,
    sourceServer: prod.id,
    targetServer: dr.id,
    attachment: [],
    tags: [],
    metadata: {},
    createdAt: now,
    updatedAt: now,
  };
  w.instances[pi.id] = pi;
  const disks = Object.values(w.volumes)
    .filter((v) => v.serverId === prod.id)
    .sort((a, b) => String(a.device).localeCompare(String(b.device)));
  disks.forEach((src, i) => {
    const device = src.device!;
    const drVol: VolumeRec = { ...src, id: ids.drVolume(i), az: g.targetAz, serverId: dr.id, role: 'dr' };
    w.volumes[drVol.id] = drVol;
    const rp: ReplicationRec = {
      id: ids.replication(i),
      name: ids.replicationName(i),
      description: null,
      groupId: g.id,
      status: 'protected',
      sourceVolume: src.id,
      targetVolume: drVol.id,
      attachment: [{ protected_instance: pi.id, device }],
      replicationStatus: 'active',
      progress: 100,
      failureDetail: null,
      faultLevel: '0',
      createdAt: now,
      updatedAt: now,
    };
    w.replications[rp.id] = rp;
    pi.attachment.push({ replication: rp.id, device });
  });
  return pi;
}

/** What addProtectedGroup builds. */
export interface ProtectedGroupInput {
  name: string;
  now: number;
  /** Protected instances, each a new production server with a system and a data disk. @default 1 */
  servers?: number;
  /** Power state of the new production servers; SHUTOFF makes the group reversible at once. @default 'SHUTOFF' */
  productionStatus?: PowerStatus;
}

/**
 * Adds a protected group (source side is production) in the first domain and VPC, with new
 * production servers, SHUTOFF DR servers and attached pairs, as if created, filled and
 * started through the API. For scale tests and benchmarks (`POST /__emulator/groups`).
 */
export function addProtectedGroup(w: World, input: ProtectedGroupInput): GroupRec {
  const g = newGroup(w, { id: newUuid(), name: input.name, description: null, now: input.now });
  const n = input.servers ?? 1;
  for (let k = 1; k <= n; k++) {
    const name = n === 1 ? `${input.name}-app` : `${input.name}-app-${k}`;
    const prod = addServer(w, {
      id: newUuid(), name, az: g.sourceAz, vpcId: g.vpcId, status: input.productionStatus ?? 'SHUTOFF', now: input.now,
      volumeIds: [newUuid(), newUuid()],
    }).server;
    protect(w, g, prod.id, input.now, {
      instance: newUuid(),
      drServer: newUuid(),
      drVolume: () => newUuid(),
      replication: () => newUuid(),
      replicationName: (i) => `rp-${name}-${i === 0 ? 'sys' : `data${i}`}`,
    });
  }
  return g;
}
