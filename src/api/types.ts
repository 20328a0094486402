/** Wire types, exactly as the SDRS, ECS and VPC APIs return them (reference sections 3 to 5). */

export type GroupStatus =
  | 'creating' | 'available' | 'protected' | 'deleting' | 'error-deleting' | 'error'
  | 'starting' | 'error-starting' | 'reprotecting' | 'error-reprotecting' | 'stopping'
  | 'error-stopping' | 'reversing' | 'error-reversing' | 'failing-over' | 'failed-over'
  | 'error-failing-over';

export type Station = 'source' | 'target';

export interface ServerGroup {
  id: string;
  name: string;
  description: string | null;
  status: GroupStatus | string;
  progress: number;
  source_availability_zone: string;
  target_availability_zone: string;
  domain_id: string;
  domain_name: string;
  priority_station: Station;
  protected_instance_num: number;
  replication_num: number;
  disaster_recovery_drill_num: number;
  protected_status: string | null;
  replication_status: string | null;
  health_status: string | null;
  source_vpc_id: string;
  target_vpc_id: string;
  test_vpc_id: string | null;
  dr_type: string;
  created_at: string;
  updated_at: string;
  protection_type: string | null;
  replication_model: string | null;
  server_type: string;
}

export interface ProtectedInstance {
  id: string;
  name: string;
  description: string | null;
  server_group_id: string;
  status: string;
  progress: number;
  source_server: string;
  target_server: string;
  priority_station: Station;
  attachment: { replication: string; device: string }[];
  tags: { key: string; value: string }[];
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export interface Replication {
  id: string;
  name: string;
  description: string | null;
  status: string;
  volume_ids: string;
  attachment: { protected_instance: string; device: string }[];
  replication_model: string;
  replication_status: string;
  progress: number;
  failure_detail: string | null;
  fault_level: string;
  record_metadata: { multiattach: boolean; bootable: boolean; volume_size: number; volume_type: string };
  server_group_id: string;
  priority_station: Station;
  created_at: string;
  updated_at: string;
}

export interface ActiveDomain {
  id: string;
  name: string;
  description: string;
  sold_out: boolean;
  local_replication_cluster: { availability_zone: string };
  remote_replication_cluster: { availability_zone: string };
}

export type JobStatus = 'INIT' | 'RUNNING' | 'SUCCESS' | 'FAIL';

export interface JobEntities {
  server_group_id?: string;
  protected_instance_id?: string;
  replication_pair_id?: string;
  volume_ids?: string;
  native_server_id?: string;
  nic_id?: string;
  /** The new drill of a createDisasterRecoveryDrill job. */
  disaster_recovery_drill_id?: string;
  sub_jobs?: SubJob[];
  [key: string]: unknown;
}

export interface SubJob {
  status: JobStatus | string;
  job_id: string;
  job_type: string;
  begin_time: string | null;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
  entities: Omit<JobEntities, 'sub_jobs'>;
}

export interface Job {
  status: JobStatus | string;
  job_id: string;
  job_type: string;
  begin_time: string | null;
  end_time: string | null;
  error_code: string | null;
  fail_reason: string | null;
  entities: JobEntities;
}

/** One address of an ECS server (the official ECS model's ServerAddress). */
export interface ServerAddress {
  /** `"4"` or `"6"`. */
  version: string;
  addr: string;
  /** `fixed` (private) or `floating` (EIP). */
  'OS-EXT-IPS:type'?: 'fixed' | 'floating' | string;
  'OS-EXT-IPS-MAC:mac_addr'?: string;
  'OS-EXT-IPS:port_id'?: string;
}

/** An ECS server's flavor (ServerFlavor): the sizes are strings in the official model, RAM in MB. */
export interface ServerFlavor {
  id: string;
  name: string;
  vcpus?: string;
  ram?: string;
  disk?: string;
}

/** A disk attached to an ECS server (ServerExtendVolumeAttachment). */
export interface ServerVolumeAttachment {
  id: string;
  device?: string;
  bootIndex?: string | null;
  /** `"true"` or `"false"`, a string in the official model. */
  delete_on_termination?: string;
}

/**
 * ECS server as `GET /v1/{project_id}/cloudservers/{id}` returns it (the
 * official model's ServerDetail). The fields sdrs reads are required; the
 * rest are typed for scripts and optional, so a sparse answer still parses.
 */
export interface Server {
  id: string;
  name: string;
  status: 'ACTIVE' | 'SHUTOFF' | string;
  'OS-EXT-AZ:availability_zone': string;
  metadata: { vpc_id?: string; [k: string]: string | undefined };
  /** Addresses by VPC id. */
  addresses?: Record<string, ServerAddress[]>;
  flavor?: ServerFlavor;
  image?: { id: string };
  security_groups?: { name: string; id?: string }[];
  key_name?: string | null;
  hostId?: string;
  user_id?: string;
  tenant_id?: string;
  accessIPv4?: string;
  accessIPv6?: string;
  config_drive?: string;
  host_status?: string;
  locked?: boolean;
  'os-extended-volumes:volumes_attached'?: ServerVolumeAttachment[];
  created?: string;
  updated?: string;
  [key: string]: unknown;
}

/** One disk of a server as ECS ListServerBlockDevices gives it (the official model's ServerBlockDevice; every field optional there). */
export interface ServerBlockDevice {
  /** 0 for the system disk. */
  bootIndex?: number;
  pciAddress?: string;
  volumeId: string;
  device?: string;
  serverId?: string;
  id?: string;
  /** GB. */
  size?: number;
  /** `virtio` or `scsi`. */
  bus?: string;
}

export interface Vpc {
  id: string;
  name: string;
  cidr: string;
  status: string;
  [key: string]: unknown;
}

export interface CreateGroupBody {
  name: string;
  description?: string;
  source_availability_zone: string;
  target_availability_zone: string;
  domain_id: string;
  source_vpc_id: string;
  dr_type?: 'migration';
}

export interface ListGroupsQuery {
  limit?: number;
  offset?: number;
  status?: string;
  name?: string;
  query_type?: string;
  availability_zone?: string;
}

export interface ListChildrenQuery {
  server_group_id?: string;
  /** Several groups at once (at most MAX_GROUP_IDS_PER_QUERY); sent as a JSON list literal. Wins over server_group_id. */
  server_group_ids?: string[];
  limit?: number;
  offset?: number;
  status?: string;
  name?: string;
}

export type GroupAction =
  | { action: 'start' }
  | { action: 'stop' }
  | { action: 'failover' }
  | { action: 'reverse'; priorityStation: Station };

/** A request described without sending it (for --dry-run); secrets redacted. */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Body of `POST /v1/{project_id}/protected-instances` (inside `protected_instance`). */
export interface CreateInstanceBody {
  server_group_id: string;
  server_id: string;
  name: string;
  description?: string;
  cluster_id?: string;
  primary_subnet_id?: string;
  primary_ip_address?: string;
  flavorRef?: string;
  tenancy?: 'shared' | 'dedicated';
  dedicated_host_id?: string;
  tags?: { key: string; value: string }[];
}

/** Query of `GET /v1/{project_id}/cloudservers/detail` (the filters sdrs uses). */
export interface ListServersQuery {
  name?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

/** Body of `POST /v1/{project_id}/replications` (inside `replication`). */
export interface CreateReplicationBody {
  server_group_id: string;
  volume_id: string;
  name: string;
  description?: string;
  cluster_id?: string;
}

/** Flat body of `DELETE /v1/{project_id}/protected-instances/{id}` (no wrapper key). */
export interface DeleteInstanceBody {
  delete_target_server?: boolean;
  delete_target_eip?: boolean;
}

/** Body of `DELETE /v1/{project_id}/replications/{id}` (inside `replication`). */
export interface DeleteReplicationBody {
  server_group_id?: string;
  delete_target_volume?: boolean;
}

/** Body of `POST .../protected-instances/{id}/attachreplication` (inside camelCase `replicationAttachment`). */
export interface AttachReplicationBody {
  replication_id: string;
  device: string;
}

/** A failed operation in the task centre (FailureJobParams); `job_status` is only `FAIL`. */
export interface FailureJob {
  job_type: string;
  job_status: string;
  /** `yyyy-MM-ddTHH:mm:ss.SSSZ`. */
  begin_time: string | null;
  job_id: string;
  /** createFail, deleteFail, attachFail, detachFail, expandFail, resizeFail, startFail, stopFail, reverseFail, failoverFail, reprotectFail. */
  failure_status: string;
  resource_id: string | null;
  resource_name: string | null;
  error_code: string | null;
  fail_reason: string | null;
  /** server_groups, protected_instances, replications, disaster_recovery_drills. */
  resource_type: string;
}

/** The documented `failure_status` values (failure_job_params). */
export const FAILURE_STATUSES = [
  'createFail', 'deleteFail', 'attachFail', 'detachFail', 'expandFail', 'resizeFail',
  'startFail', 'stopFail', 'reverseFail', 'failoverFail', 'reprotectFail',
] as const;

/** The documented failure-job `resource_type` values. */
export const FAILURE_RESOURCE_TYPES = ['server_groups', 'protected_instances', 'replications', 'disaster_recovery_drills'] as const;

/** Query of `GET /task-center/failure-jobs`: without `server_group_id`, only group-level failures are listed. */
export interface FailureJobsQuery {
  failure_status?: string;
  resource_name?: string;
  server_group_id?: string;
  resource_type?: string;
  limit?: number;
  offset?: number;
}

/** One point of the RPO-exceedance trend (RpoStattisticsParams): `resource_num` pairs over their RPO at `point_time`. */
export interface RpoStatistic {
  id: string;
  /** `yyyy-MM-dd HH:mm`. */
  point_time: string;
  resource_num: number;
  /** Only `replication`. */
  resource_type: string;
  created_at: string;
  updated_at: string;
}

/** Query of `GET /resource/rpo-statistics`; times as `yyyy-MM-dd HH:mm:ss.SSS`. */
export interface RpoStatisticsQuery {
  start_time?: string;
  end_time?: string;
  resource_type?: 'replication';
  limit?: number;
  offset?: number;
}

/** DR drill statuses (reference 4.4). */
export type DrillStatus = 'creating' | 'available' | 'deleting' | 'error' | 'error-deleting';

/** One drill server: the protected instance it was built from and its ECS server (the SDK's DrillServerParams). */
export interface DrillServer {
  protected_instance: string;
  drill_server_id: string;
}

/** A DR drill as `GET /v1/{project_id}/disaster-recovery-drills/{id}` returns it (the SDK's ShowDisasterRecoveryDrillParams). */
export interface DisasterRecoveryDrill {
  id: string;
  name: string;
  status: DrillStatus | string;
  drill_vpc_id: string;
  created_at: string;
  updated_at: string;
  server_group_id: string;
  drill_servers: DrillServer[];
}

/** Body of `POST /v1/{project_id}/disaster-recovery-drills` (inside `disaster_recovery_drill`). */
export interface CreateDrillBody {
  server_group_id: string;
  name: string;
  /** Omitted: the service creates a drill VPC. */
  drill_vpc_id?: string;
}

/** Query of `GET /v1/{project_id}/disaster-recovery-drills`. */
export interface ListDrillsQuery {
  server_group_id?: string;
  /** Fuzzy. */
  name?: string;
  status?: string;
  drill_vpc_id?: string;
  limit?: number;
  offset?: number;
}

/** One quota (QuotaResourceParams); `quota` and `max` of -1 mean unlimited. */
export interface QuotaResource {
  /** `server_groups` or `replications`. */
  type: string;
  used: number;
  quota: number;
  min: number;
  max: number;
}

/** A VPC subnet (`GET /v1/{project_id}/subnets?vpc_id=`), the fields sdrs reads. */
export interface Subnet {
  id: string;
  name: string;
  cidr: string;
  vpc_id: string;
  status?: string;
  [key: string]: unknown;
}
