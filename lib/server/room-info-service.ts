import "server-only";
import type { RoomInfoAnswer } from "@/lib/contract/room-info";
import { requireRoomId } from "@/lib/errors/domain-error";
import { log } from "@/lib/log";
import { isStorageFailure, type HistoryStore } from "@/lib/store/store";
import type { TencentClient } from "@/lib/tencent/client";
import type { CoalescingCache } from "@/lib/upstream/coalescing-cache";

// A room's details (get_room_info): its name, owner, cover, creation time and settings. They change
// rarely, so one call per room per freshness window of their own (minutes, not the figures' second)
// serves every page that shows them, through the shared cache and get_room_info's own budget.
// Pages treat them as optional: a room whose details cannot be fetched still shows its figures.

export interface RoomInfoDeps {
  cache: CoalescingCache<RoomInfoAnswer>;
  client: Pick<TencentClient, "getRoomInfo">;
  /** Keeps each room's creation time: Tencent forgets a room once it ends, its report does not. */
  store: Pick<HistoryStore, "noteCreated">;
}

export function createRoomInfoService({ cache, client, store }: RoomInfoDeps) {
  return {
    /** The details of one room, as GET /api/rooms/{roomId}/info answers them. */
    async info(roomId: string): Promise<RoomInfoAnswer> {
      requireRoomId(roomId);
      return cache.get(roomId, async () => {
        const { info, fetchedAt } = await client.getRoomInfo(roomId);
        // Off the answer's path: storage trouble is the outage guard's to report, never the lookup's.
        store.noteCreated(roomId, Date.parse(info.createdAt)).catch((e: unknown) => {
          if (!isStorageFailure(e)) log.error("could not keep a room's creation time", { roomId, error: (e as Error).message });
        });
        return { info, fetchedAt };
      });
    },
  };
}

export type RoomInfoService = ReturnType<typeof createRoomInfoService>;
