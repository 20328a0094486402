/**
 * The emulated world: plain JSON-serialisable records, so `--state FILE`
 * can save and load it whole. Wire shapes are built from these in views.ts.
 */
import type { Station } from '../api/types.js';

export type { Station };
export type SeedName = 'empty' | 'demo';

export interface DomainRec {
  id: string;
  name: string;
  description: string;
  soldOut: boolean;
  localAz: string;
  remoteAz: string;
}

export interface VpcRec {
  id: string;
  name: string;
  cidr: string;
  status: string;
  description: string;
}

export type PowerStatus = 'ACTIVE' | 'SHUTOFF';
/** ECS statuses the emulator shows: drill servers are `BUILD` while they boot, `ERROR` after a failed drill. */
export type ServerStatus = PowerStatus | 'BUILD' | 'ERROR';

export interface ServerRec {
  id: string;
  name: string;
  status: ServerStatus;
  az: string;
  vpcId: string;
  flavor: string;
  /** `dr` servers were created by SDRS for a protected instance; `drill` servers by a DR drill. */
  role: 'production' | 'dr' | 'drill';
  createdAt: number;
  updatedAt: number;
  /** The server whose private IP this one keeps (a drill server keeps its production server's address). */
  ipFrom?: string;
  /** Job-clock time at which a `BUILD` server becomes ACTIVE (settled like a job). */
  bootUntil?: number;
}

export interface SubnetRec {
  id: string;
  name: string;
  cidr: string;
  vpcId: string;
  createdAt: number;
}

export interface DrillRec {
  id: string;
  name: string;
  groupId: string;
  status: string;
  vpcId: string;
  /** One drill server per protected instance, in the order of the instances. */
  servers: { protected_instance: string; drill_server_id: string }[];
  createdAt: number;
  updatedAt: number;
}

export interface VolumeRec {
  id: string;
  name: string;
  sizeGb: number;
  type: string;
  bootable: boolean;
  az: string;
  serverId: string | null;
  device: string | null;
  role: 'production' | 'dr' | 'drill';
  createdAt: number;
}

export interface GroupRec {
  id: string;
  name: string;
  description: string | null;
  status: string;
  progress: number;
  sourceAz: string;
  targetAz: string;
  domainId: string;
  vpcId: string;
  priority: Station;
  createdAt: number;
  updatedAt: number;
  /** Job-clock time the group's last drill was created successfully (`period_no_dr_drill`); absent: never. */
  lastDrillAt?: number | null;
}

export interface InstanceRec {
  id: string;
  name: string;
  description: string | null;
  groupId: string;
  status: string;
  progress: number;
  /** The server in the group's source AZ (never swapped on reverse or failover). */
  sourceServer: string;
  /** The server in the group's target AZ. */
  targetServer: string;
  attachment: { replication: string; device: string }[];
  tags: { key: string; value: string }[];
  metadata: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface ReplicationRec {
  id: string;
  name: string;
  description: string | null;
  groupId: string;
  status: string;
  /** The disk in the group's source AZ; `volume_ids` is `"<source>,<target>"`. */
  sourceVolume: string;
  targetVolume: string;
  attachment: { protected_instance: string; device: string }[];
  replicationStatus: string;
  progress: number;
  failureDetail: string | null;
  faultLevel: string;
  createdAt: number;
  updatedAt: number;
}

export interface Failure {
  code: string;
  reason: string;
}

/** What a job does to the world when it ends (serialisable, so jobs survive a restart). */
export type Effect =
  | { kind: 'group-create'; groupId: string }
  | { kind: 'group-delete'; groupId: string }
  | { kind: 'group-action'; groupId: string; action: GroupActionKind; station?: Station }
  | { kind: 'instance-create'; instanceId: string }
  | { kind: 'instance-delete'; instanceId: string; deleteTargetServer: boolean }
  | { kind: 'replication-create'; replicationId: string }
  | { kind: 'replication-delete'; replicationId: string; deleteTargetVolume: boolean }
  | { kind: 'attach'; instanceId: string; replicationId: string; device: string }
  | { kind: 'detach'; instanceId: string; replicationId: string }
  | { kind: 'server-power'; serverIds: string[]; status: PowerStatus }
  /** `bootMs`: how long the drill servers stay BUILD after the job succeeds (decided at accept time). */
  | { kind: 'drill-create'; drillId: string; bootMs: number }
  | { kind: 'drill-delete'; drillId: string };

export type GroupActionKind = 'start' | 'reprotect' | 'stop' | 'reverse' | 'failover';

export interface SubJobRec {
  id: string;
  type: string;
  entities: Record<string, string>;
  fail: Failure | null;
}

export interface JobRec {
  id: string;
  type: string;
  service: 'sdrs' | 'ecs';
  seq: number;
  beginAt: number;
  durationMs: number;
  entities: Record<string, string>;
  subJobs: SubJobRec[] | null;
  /** Decided when the job is accepted, so a restart replays the same outcome. */
  fail: Failure | null;
  effect: Effect;
  settled: boolean;
}

export interface FailRule {
  job_type: string;
  error_code: string | null;
  fail_reason: string | null;
}

export interface World {
  version: 1;
  projectId: string;
  seed: SeedName;
  domains: DomainRec[];
  vpcs: VpcRec[];
  servers: Record<string, ServerRec>;
  volumes: Record<string, VolumeRec>;
  groups: Record<string, GroupRec>;
  instances: Record<string, InstanceRec>;
  replications: Record<string, ReplicationRec>;
  /** VPC subnets (a drill VPC must have some). Filled in for state files written before subnets existed. */
  subnets: SubnetRec[];
  drills: Record<string, DrillRec>;
  jobs: Record<string, JobRec>;
  tokens: Record<string, { expiresAt: number; user: string }>;
  failNext: FailRule[];
  seq: number;
  /** The task centre's failed jobs (readiness.ts). Optional: older state files lack it. */
  failureJobs?: FailureJobRec[];
  /** The RPO-exceedance trend (readiness.ts). Optional: older state files lack it. */
  rpo?: RpoRec;
}

/** The AZ that is production now. */
export function productionAz(g: GroupRec): string {
  return g.priority === 'source' ? g.sourceAz : g.targetAz;
}

/** The AZ that is the DR site now. */
export function drAz(g: GroupRec): string {
  return g.priority === 'source' ? g.targetAz : g.sourceAz;
}

/** The instance's server at the current production site. */
export function productionServerId(g: GroupRec, pi: InstanceRec): string {
  return g.priority === 'source' ? pi.sourceServer : pi.targetServer;
}

/** The instance's server at the current DR site. */
export function drServerId(g: GroupRec, pi: InstanceRec): string {
  return g.priority === 'source' ? pi.targetServer : pi.sourceServer;
}

export function instancesOf(w: World, groupId: string): InstanceRec[] {
  return Object.values(w.instances).filter((i) => i.groupId === groupId);
}

export function replicationsOf(w: World, groupId: string): ReplicationRec[] {
  return Object.values(w.replications).filter((r) => r.groupId === groupId);
}

export function drillsOf(w: World, groupId: string): DrillRec[] {
  return Object.values(w.drills).filter((d) => d.groupId === groupId);
}

/** Out-of-band statuses a group action does not overwrite. */
export const STICKY_CHILD_STATUSES = new Set(['invalid', 'fault']);

/** Child statuses that mean another job owns the child. */
export const BUSY_CHILD_STATUSES = new Set(['creating', 'deleting', 'attaching', 'detaching', 'extending', 'resizing', 'nic-creating', 'nic-deleting']);

/** A failed job as the task centre keeps it. */
export interface FailureJobRec {
  jobId: string;
  jobType: string;
  beginAt: number;
  failureStatus: string;
  resourceType: string;
  resourceId: string;
  resourceName: string;
  errorCode: string;
  failReason: string;
  /**
   * The group the failure belongs to. Failures of the group itself (resource type
   * `server_groups`) are group-level; the others are inside this group.
   */
  groupId: string | null;
}

/** The RPO trend as stored: `[point time ms, pairs over their RPO]`, oldest first. */
export interface RpoRec {
  /** The next point time to record. */
  next: number;
  points: [number, number][];
  /** Pairs an admin marked as over their RPO (beside those at fault level 2 or 5). */
  exceeded: string[];
}
