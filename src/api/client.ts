/**
 * The one API module: typed functions for every SDRS, ECS and VPC endpoint
 * the CLI uses, over one configured got instance (see transport.ts).
 *
 * PLACEHOLDER INTERFACE: implemented in the foundation work.
 */
import type {
  ActiveDomain, CreateGroupBody, GroupAction, Job, ListChildrenQuery, ListGroupsQuery,
  PreparedRequest, ProtectedInstance, Replication, Server, ServerGroup, Vpc,
} from './types.js';

export interface SdrsApi {
  listGroups(q?: ListGroupsQuery): Promise<{ server_groups: ServerGroup[]; count: number }>;
  /** Every page, following offset/limit until a short or empty page. */
  listAllGroups(q?: Omit<ListGroupsQuery, 'limit' | 'offset'>): Promise<ServerGroup[]>;
  getGroup(id: string): Promise<ServerGroup>;
  createGroup(body: CreateGroupBody): Promise<{ job_id: string }>;
  deleteGroup(id: string): Promise<{ job_id: string }>;
  groupAction(id: string, action: GroupAction): Promise<{ job_id: string }>;
  listAllInstances(q?: Omit<ListChildrenQuery, 'limit' | 'offset'>): Promise<ProtectedInstance[]>;
  listAllReplications(q?: Omit<ListChildrenQuery, 'limit' | 'offset'>): Promise<Replication[]>;
  listDomains(): Promise<ActiveDomain[]>;
  getJob(id: string): Promise<Job>;
  getServer(id: string): Promise<Server>;
  serverAction(action: 'os-start' | 'os-stop', serverIds: string[]): Promise<{ job_id: string }>;
  listVpcs(): Promise<Vpc[]>;
  /** Builds the exact request a mutating call would send, signed, with secrets redacted. Sends nothing. */
  prepareCreateGroup(body: CreateGroupBody): Promise<PreparedRequest>;
  prepareGroupAction(id: string, action: GroupAction): Promise<PreparedRequest>;
}
