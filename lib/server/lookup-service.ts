import "server-only";
import type { RoomStatsResponse } from "@/lib/contract/api";
import { requireRoomId } from "@/lib/errors/domain-error";
import type { Recorder } from "@/lib/history/recorder";
import { log } from "@/lib/log";
import { isStorageFailure, type HistoryStore } from "@/lib/store/store";
import type { RoomStatsAnswer, TencentClient } from "@/lib/tencent/client";
import type { CoalescingCache } from "@/lib/upstream/coalescing-cache";

// Room lookups: the RoomId checked before anything leaves the process, one upstream call per room
// per freshness window through the shared cache and budget, and every answer kept as history.

export interface LookupDeps {
  cache: CoalescingCache<RoomStatsAnswer>;
  client: TencentClient;
  store: HistoryStore;
  recorder: Pick<Recorder, "track">;
  now?: () => number;
}

/** A looked-up room is marked viewed at most this often: a page polls every few seconds. */
const VIEW_MARK_INTERVAL_MS = 60_000;
/** How often views the store could not take are offered to it again. */
const VIEW_RETRY_MS = 5_000;

export function createLookupService({ cache, client, store, recorder, now = Date.now }: LookupDeps) {
  // Every answer a lookup got is history too. Storage trouble is logged (by the outage guard, once
  // per outage) and shown in /api/health; it never fails the lookup.
  const viewMarkedAt = new Map<string, number>();
  // Views the store refused during an outage, kept until it takes them: a room looked up while the
  // database was locked is recorded once it is back, whether or not anyone looks it up again.
  const unmarkedViews = new Map<string, number>();
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function markViewed(roomId: string, at: number) {
    store
      .markViewed(roomId, at)
      .then(() => {
        unmarkedViews.delete(roomId);
        recorder.track(roomId);
      })
      .catch((e: unknown) => {
        if (!isStorageFailure(e)) {
          log.error("could not mark a room viewed", { roomId, error: (e as Error).message });
          return;
        }
        unmarkedViews.set(roomId, Math.max(at, unmarkedViews.get(roomId) ?? 0));
        retryTimer ??= setTimeout(() => {
          retryTimer = null;
          for (const [room, viewedAt] of unmarkedViews) markViewed(room, viewedAt);
        }, VIEW_RETRY_MS);
        retryTimer.unref?.();
      });
  }

  function remember(roomId: string, answer: RoomStatsAnswer) {
    store.addSample(roomId, { t: Date.parse(answer.fetchedAt), stats: answer.stats }).catch((e: unknown) => {
      if (!isStorageFailure(e)) log.error("could not store a looked-up sample", { roomId, error: (e as Error).message });
    });
    const at = now();
    if (at - (viewMarkedAt.get(roomId) ?? 0) < VIEW_MARK_INTERVAL_MS) return;
    viewMarkedAt.set(roomId, at);
    markViewed(roomId, at);
  }

  return {
    /** The six live totals of one room, as GET /api/rooms/{roomId}/stats answers them. */
    async stats(roomId: string): Promise<RoomStatsResponse> {
      requireRoomId(roomId);
      const answer = await cache.get(roomId, async () => {
        const fresh = await client.getRoomStats(roomId);
        remember(roomId, fresh);
        return fresh;
      });
      return { roomId, ...answer };
    },
  };
}

export type LookupService = ReturnType<typeof createLookupService>;
