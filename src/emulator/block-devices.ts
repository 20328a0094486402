/**
 * ECS `GET /v1/{project_id}/cloudservers/{server_id}/block_device` (ListServerBlockDevices):
 * a server's disks with their size, the one ECS read that gives a disk's size without EVS.
 * Shapes as the official ECS model: ListServerBlockDevicesResponse
 * {attachableQuantity: BlockDeviceAttachableQuantity, volumeAttachments: ServerBlockDevice[]}.
 */
import { EmuError } from './errors.js';
import { stableHex } from './ecs.js';
import type { RouteCtx } from './http.js';

/** Disks a server can have in all, per bus (UNVERIFIED: the limits of docs/emulator.md). */
const MAX_DISKS = { blk: 24, scsi: 60, disk: 60 };

/** The handler: the server's attached volumes, system disk first. */
export function listBlockDevices(ctx: RouteCtx) {
  const w = ctx.engine.world;
  const s = w.servers[ctx.params.server_id];
  if (!s) throw new EmuError(404, { error: { code: 'Ecs.0114', message: `Instance[${ctx.params.server_id}] could not be found.` } });
  const volumes = Object.values(w.volumes)
    .filter((v) => v.serverId === s.id)
    .sort((a, b) => Number(b.bootable) - Number(a.bootable) || (a.device ?? '').localeCompare(b.device ?? ''));
  const n = volumes.length;
  return {
    attachableQuantity: { free_scsi: MAX_DISKS.scsi - n, free_blk: MAX_DISKS.blk - n, free_disk: MAX_DISKS.disk - n },
    volumeAttachments: volumes.map((v, i) => ({
      bootIndex: v.bootable ? 0 : i,
      pciAddress: `0000:02:${stableHex(`pci:${v.id}`).slice(0, 2)}.0`,
      volumeId: v.id,
      device: v.device ?? '',
      serverId: s.id,
      id: v.id,
      size: v.sizeGb,
      bus: 'virtio',
    })),
  };
}
