import "server-only";
import { ApiError } from "@/lib/api/errors";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { createRecorder } from "@/lib/history/recorder";
import { log } from "@/lib/log";
import { withSampleCache } from "@/lib/store/sample-cache";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { isStorageFailure, type HistoryStore } from "@/lib/store/store";
import { CredentialHealth, createMintingProvider, createStaticProvider } from "@/lib/tencent/credential";
import { createTencentClient, type RoomStatsAnswer, type TencentClientOptions } from "@/lib/tencent/client";
import { createBackgroundBudget, createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import { createMemoryCoalescingCache, type CoalescingCache } from "@/lib/upstream/coalescing-cache";
import { checkRoomId } from "./room-id";
import type { HealthResponse, RoomStatsResponse } from "./types";

// Room lookups and the history behind them: validation before anything leaves the process, the
// shared cache, the budgeted client, and the recorder that shares that budget. One instance per
// process (see roomStatsService) because the budget must be.

export interface RoomStatsServiceDeps {
  budget?: UpstreamBudget;
  cache?: CoalescingCache<RoomStatsAnswer>;
  client?: Partial<TencentClientOptions>;
  store?: HistoryStore;
}

/** A looked-up room is marked viewed at most this often: a page polls every few seconds. */
const VIEW_MARK_INTERVAL_MS = 60_000;
const PRUNE_INTERVAL_MS = 3_600_000;

export function createRoomStatsService(env: ServerEnv, deps: RoomStatsServiceDeps = {}) {
  const identity = { sdkAppId: env.sdkAppId, identifier: env.adminUserId };
  const userSig =
    env.credential.kind === "secret_key"
      ? createMintingProvider({ ...identity, secretKey: env.credential.secretKey })
      : createStaticProvider({ ...identity, userSig: env.credential.userSig });
  const credential = new CredentialHealth(userSig);
  const budget = deps.budget ?? createTokenBucket({ ratePerSecond: env.rateLimitPerSecond });
  const cache = deps.cache ?? createMemoryCoalescingCache<RoomStatsAnswer>({ freshnessMs: env.freshnessMs });
  const store = deps.store ?? withSampleCache(openSqliteStore({ dataDir: env.history.dataDir }));

  let warnedExpiring = false;
  const clientOptions = {
    baseUrl: env.apiBaseUrl,
    ...identity,
    userSig,
    onAnswer(answer: Parameters<NonNullable<TencentClientOptions["onAnswer"]>>[0]) {
      if (answer.ok || answer.error.kind !== "misconfigured") credential.recordAccepted();
      else credential.recordRejected(answer.error.errorCode);
      if (!warnedExpiring && credential.status() === "expiring") {
        warnedExpiring = true;
        log.warn("TENCENT_USERSIG expires in under a day; replace it or set TENCENT_SECRET_KEY", {
          expiresAt: new Date(userSig.expiresAtMs()).toISOString(),
        });
      }
    },
    ...deps.client,
  };
  const client = createTencentClient({ ...clientOptions, budget });
  const recorderClient = createTencentClient({
    ...clientOptions,
    budget: createBackgroundBudget(budget, env.rateLimitPerSecond * env.history.budgetShare),
  });
  const recorder = createRecorder({
    store,
    fetchStats: (roomId) => recorderClient.getRoomStats(roomId),
    intervalMs: env.history.intervalMs,
    viewedWindowMs: env.history.viewedWindowMs,
    callsPerSecond: env.rateLimitPerSecond * env.history.budgetShare,
  });

  // Every answer a lookup got is history too. Storage trouble is logged (by the store, once per
  // outage) and shown in /api/health; it never fails the lookup.
  const viewMarkedAt = new Map<string, number>();
  function remember(roomId: string, answer: RoomStatsAnswer) {
    store.addSample(roomId, { t: Date.parse(answer.fetchedAt), stats: answer.stats }).catch((e: unknown) => {
      if (!isStorageFailure(e)) log.error("could not store a looked-up sample", { roomId, error: (e as Error).message });
    });
    const at = Date.now();
    if (at - (viewMarkedAt.get(roomId) ?? 0) < VIEW_MARK_INTERVAL_MS) return;
    viewMarkedAt.set(roomId, at);
    store
      .markViewed(roomId, at)
      .then(() => recorder.track(roomId))
      .catch((e: unknown) => {
        if (!isStorageFailure(e)) log.error("could not mark a room viewed", { roomId, error: (e as Error).message });
      });
  }

  let pruneTimer: ReturnType<typeof setInterval> | null = null;
  async function prune() {
    try {
      const removed = await store.prune(Date.now() - env.history.retentionMs);
      if (removed > 0) log.info("pruned old samples", { removed });
    } catch (e) {
      log.error("could not prune old samples", { error: (e as Error).message });
    }
  }

  return {
    credential,
    store,
    recorder,

    async lookup(roomId: string): Promise<RoomStatsResponse> {
      const check = checkRoomId(roomId);
      if (!check.ok) throw new ApiError(400, "invalid_room_id", check.message);
      const answer = await cache.get(roomId, async () => {
        const fresh = await client.getRoomStats(roomId);
        remember(roomId, fresh);
        return fresh;
      });
      return { roomId, ...answer };
    },

    /** The recorder and the retention pruning; started with the server (instrumentation.ts). */
    startBackground() {
      recorder.start();
      if (pruneTimer) return;
      void prune();
      pruneTimer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
      pruneTimer.unref?.();
    },

    async stop() {
      recorder.stop();
      if (pruneTimer) clearInterval(pruneTimer);
      pruneTimer = null;
      await store.close();
    },

    health(): HealthResponse {
      const storeHealth = store.health();
      const rec = recorder.status();
      return {
        status: "ok",
        simulated: env.simulated,
        freshnessMs: env.freshnessMs,
        credential: credential.snapshot(),
        history: {
          storeOk: storeHealth.ok,
          storeError: storeHealth.lastError?.message ?? null,
          storeErrorAt: storeHealth.lastErrorAt === null ? null : new Date(storeHealth.lastErrorAt).toISOString(),
          recorder: { running: rec.running, rooms: rec.rooms, cadenceSeconds: Math.round(rec.cadenceMs / 100) / 10 },
        },
      };
    },
  };
}

export type RoomStatsService = ReturnType<typeof createRoomStatsService>;

// Next bundles each route separately, so a module-level variable could exist once per route; the
// process-wide budget, cache and store have to live on globalThis.
const KEY = Symbol.for("roomscope.roomStatsService");
type Holder = { [KEY]?: RoomStatsService };

export function roomStatsService(): RoomStatsService {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRoomStatsService(serverEnv());
  return holder[KEY];
}
