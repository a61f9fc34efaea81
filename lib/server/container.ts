import "server-only";
import { createAccess, type AccessDeps } from "@/lib/auth/access";
import { openPostgresAccessDb, openSqliteAccessDb } from "@/lib/store/access-db";
import { createRedisRequestQuota, createRedisSignInThrottle } from "@/lib/auth/redis-limits";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { connectRedis, whenReady } from "@/lib/cluster/redis";
import { createAlertEvaluator } from "@/lib/alerts/evaluator";
import { createNotifier } from "@/lib/alerts/notifier";
import { refuseWebhookTarget } from "@/lib/alerts/webhook-target";
import { allRooms, type RoomLeases } from "@/lib/history/leases";
import { createRedisLeases } from "@/lib/history/redis-leases";
import { createRecorder } from "@/lib/history/recorder";
import { log } from "@/lib/log";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { withSampleCache } from "@/lib/store/sample-cache";
import { openPostgresStore } from "@/lib/store/postgres-store";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import type { GuardedStore } from "@/lib/store/store";
import { CredentialHealth, createMintingProvider, createStaticProvider } from "@/lib/tencent/credential";
import type { RoomInfoAnswer } from "@/lib/contract/room-info";
import { createTencentClient, type RoomStatsAnswer, type TencentClientOptions } from "@/lib/tencent/client";
import type { LiveApi } from "@/lib/tencent/live-apis";
import { UpstreamError, type UpstreamErrorData } from "@/lib/tencent/errors";
import { createBackgroundBudget, createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import { createMemoryCoalescingCache, type CoalescingCache } from "@/lib/upstream/coalescing-cache";
import { createSharedBudget } from "@/lib/upstream/redis-budget";
import { createRedisCoalescingCache } from "@/lib/upstream/redis-cache";
import { createAdminService } from "./admin-service";
import { createAlertService } from "./alert-service";
import { createCallbackService } from "./callback-service";
import { createHealthService } from "./health-service";
import { createHistoryService } from "./history-service";
import { createLookupService } from "./lookup-service";
import { createMetrics, measuredBudget, measuredCache } from "./metrics";
import { createLiveRoomsService, LISTING_TIME_LIMIT_MS, type LiveListing } from "./live-rooms-service";
import { createRoomInfoService } from "./room-info-service";
import { createSessionService } from "./session-service";
import { createWatchlistService } from "./watchlist-service";

// The composition root: the one place that builds the console's parts from its configuration and
// wires them together: the credential, the budget, the cache, the store, the recorder and the
// services the route handlers call. One instance per process (see services()) because the budget
// must be. Access control (sessions, tokens, quotas, the audit log) is built here too, and the shared
// (Redis, PostgreSQL) implementations of these interfaces enter here.

export interface ServiceDeps {
  /** get_room_stats' budget. */
  budget?: UpstreamBudget;
  /** The other calls' budgets. */
  budgets?: Partial<Record<Exclude<LiveApi, "get_room_stats">, UpstreamBudget>>;
  cache?: CoalescingCache<RoomStatsAnswer>;
  infoCache?: CoalescingCache<RoomInfoAnswer>;
  client?: Partial<TencentClientOptions>;
  /** A store in place of the embedded SQLite one, already behind the outage guard. */
  store?: GuardedStore;
  leases?: RoomLeases;
  /** Which alert rules this instance evaluates, in place of the Redis leases or all of them. */
  alertLeases?: RoomLeases;
  /** The access database and its parts in place of the embedded SQLite one. */
  access?: Partial<AccessDeps>;
}

const PRUNE_INTERVAL_MS = 3_600_000;
const REDIS_CONNECT_WAIT_MS = 2000;
/** A RoomId read (never written) by the readiness check: one indexed lookup in the history database. */
const READINESS_PROBE_ROOM = "roomscope-readiness-probe";

/** A failure to fetch a room's details is reused this long at most: its window is minutes, an outage's retry seconds. */
const INFO_FAILURE_FRESHNESS_MS = 5_000;

/** Tencent's failures are reused for the freshness window as plain data, so a shared cache can hold them. */
const upstreamFailures = {
  encode: (error: unknown) => (UpstreamError.is(error) ? error.toData() : null),
  decode: (data: UpstreamErrorData) => UpstreamError.fromData(data),
};

export function createServices(env: ServerEnv, deps: ServiceDeps = {}) {
  const identity = { sdkAppId: env.sdkAppId, identifier: env.adminUserId };
  const userSig =
    env.credential.kind === "secret_key"
      ? createMintingProvider({ ...identity, secretKey: env.credential.secretKey })
      : createStaticProvider({ ...identity, userSig: env.credential.userSig });
  const credential = new CredentialHealth(userSig);
  const metrics = createMetrics();
  const localCache = createMemoryCoalescingCache<RoomStatsAnswer, UpstreamErrorData>({ freshnessMs: env.freshnessMs, failures: upstreamFailures });
  const localInfoCache = createMemoryCoalescingCache<RoomInfoAnswer, UpstreamErrorData>({
    freshnessMs: env.roomInfoFreshnessMs,
    failureFreshnessMs: INFO_FAILURE_FRESHNESS_MS,
    failures: upstreamFailures,
  });
  const localListCache = createMemoryCoalescingCache<LiveListing, UpstreamErrorData>({
    freshnessMs: env.liveList.freshnessMs,
    failureFreshnessMs: INFO_FAILURE_FRESHNESS_MS,
    failures: upstreamFailures,
  });
  const cluster = env.cluster.redisUrl ? createCluster(env, env.cluster.redisUrl, { stats: localCache, info: localInfoCache, list: localListCache }) : null;
  const budget = deps.budget ?? cluster?.budget ?? createTokenBucket({ ratePerSecond: env.budgetPerSecond });
  // Each live-engine call has its own limit at Tencent, so its own budget (shared by the fleet in Redis).
  const budgets = {
    get_room_info: deps.budgets?.get_room_info ?? cluster?.budgets.get_room_info ?? createTokenBucket({ ratePerSecond: env.apiBudgets.get_room_info }),
    get_room_list: deps.budgets?.get_room_list ?? cluster?.budgets.get_room_list ?? createTokenBucket({ ratePerSecond: env.apiBudgets.get_room_list }),
  };
  const cache = measuredCache(deps.cache ?? cluster?.cache ?? localCache, metrics);
  // PostgreSQL (DATABASE_URL) is shared by every instance, so the sample cache must read what the
  // others write; the embedded SQLite file is this process's alone.
  const postgres = !deps.store && env.cluster.databaseUrl ? openPostgresStore({ url: env.cluster.databaseUrl }) : null;
  const guarded = deps.store ?? withOutageGuard(postgres ?? openSqliteStore({ dataDir: env.history.dataDir }));
  const store = withSampleCache(guarded, { shared: postgres !== null });

  let warnedExpiring = false;
  const clientOptions = {
    baseUrl: env.apiBaseUrl,
    ...identity,
    userSig,
    onAttempt({ outcome, ms }: { outcome: string; ms: number }) {
      metrics.upstreamCalls.inc({ error_code: outcome });
      metrics.upstreamSeconds.observe(ms / 1000);
    },
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
  const client = createTencentClient({ ...clientOptions, budget: measuredBudget(budget, metrics), budgets });
  const recorderClient = createTencentClient({
    ...clientOptions,
    budget: createBackgroundBudget(budget, env.budgetPerSecond * env.history.budgetShare),
    budgets,
  });
  const recorder = createRecorder({
    store,
    fetchStats: (roomId) => recorderClient.getRoomStats(roomId),
    intervalMs: env.history.intervalMs,
    viewedWindowMs: env.history.viewedWindowMs,
    callsPerSecond: env.budgetPerSecond * env.history.budgetShare,
    leases: deps.leases ?? cluster?.leases ?? allRooms,
  });

  // Alert rules are evaluated as often as rooms are sampled: a sooner look would find nothing new.
  const evaluator = createAlertEvaluator({
    store,
    leases: deps.alertLeases ?? cluster?.alertLeases ?? allRooms,
    cadenceMs: () => recorder.status().cadenceMs,
    credential: () => credential.status(),
    intervalMs: env.history.intervalMs,
  });

  // Alert channels send from inside the console's network: into it only where the team says so.
  const checkTarget = env.alerts.allowPrivateWebhooks ? async () => null : (url: string) => refuseWebhookTarget(url);
  const notifier = createNotifier({ alerts: store.alerts, checkTarget });

  const accessDb = deps.access?.db
    ? { db: deps.access.db, dbType: deps.access.dbType ?? "sqlite" }
    : env.cluster.databaseUrl
      ? { db: openPostgresAccessDb(env.cluster.databaseUrl), dbType: "postgres" as const }
      : { db: openSqliteAccessDb(env.history.dataDir).db, dbType: "sqlite" as const };
  const access = createAccess(env.access, {
    quota: cluster?.quota,
    throttle: cluster?.throttle,
    ...deps.access,
    ...accessDb,
    secret: deps.access?.secret ?? resolveAuthSecret(env.access.secret, env.history.dataDir).secret,
  });

  const ready = Promise.all([access.initialised, postgres?.ready, cluster?.connected]).then(() => undefined);
  // Awaited by start-up; no unhandled rejection where nothing waits for it (a CLI, a test).
  ready.catch(() => undefined);

  metrics.observe({
    recorder: () => recorder.status(),
    redisShared: cluster ? () => cluster.status().mode === "shared" : null,
    activeSessions: () => access.activeSessions(),
    store: () => guarded.health(),
  });

  let pruneTimer: ReturnType<typeof setInterval> | null = null;
  async function prune() {
    try {
      const removed = await store.prune(Date.now() - env.history.retentionMs);
      if (removed > 0) log.info("pruned old samples", { removed });
      const audited = await access.prune();
      if (audited > 0) log.info("pruned old audit entries", { removed: audited });
    } catch (e) {
      log.error("could not prune old samples", { error: (e as Error).message });
    }
  }

  return {
    lookup: createLookupService({ cache, client, store, recorder }),
    roomInfo: createRoomInfoService({ cache: deps.infoCache ?? cluster?.infoCache ?? localInfoCache, client, store }),
    liveRooms: createLiveRoomsService({ cache: cluster?.listCache ?? localListCache, client, store, ...env.liveList }),
    watchlist: createWatchlistService({ store, recorder }),
    callbacks: createCallbackService({ token: env.callbacks.token, sdkAppId: env.sdkAppId, recordAllRooms: env.callbacks.recordAllRooms, store, client, recorder }),
    history: createHistoryService({ store }),
    alerts: createAlertService({ alerts: store.alerts, notifier, checkTarget, watched: async () => (await store.watchlist()).map((r) => r.roomId) }),
    health: createHealthService({ simulated: env.simulated, freshnessMs: env.freshnessMs, credential, store: guarded, recorder, evaluator, notifier, cluster: cluster?.status ?? null,
      pingDatabases: async () => {
        await Promise.all([store.room(READINESS_PROBE_ROOM), access.ping()]);
      },
    }),
    access,
    /**
     * Resolves once both databases are migrated, the first admin exists and Redis (when configured)
     * is connected or has had two seconds to be; start-up waits for it
     * and stops the server when it rejects (a newer schema, an unreachable server).
     */
    ready,
    session: createSessionService(access),
    admin: createAdminService(access),
    metrics,
    /** The validated configuration, for the request guards (never sent to a browser). */
    settings: env,
    /** The parts themselves, for start-up checks, tests and benchmarks; route handlers use the services. */
    store,
    recorder,
    evaluator,
    notifier,

    /** The recorder and the retention pruning; started with the server (instrumentation.ts). */
    startBackground() {
      cluster?.start();
      recorder.start();
      evaluator.start();
      notifier.start();
      access.start();
      if (pruneTimer) return;
      void prune();
      pruneTimer = setInterval(() => void prune(), PRUNE_INTERVAL_MS);
      pruneTimer.unref?.();
    },

    async stop() {
      recorder.stop();
      await evaluator.stop();
      await notifier.stop();
      if (pruneTimer) clearInterval(pruneTimer);
      pruneTimer = null;
      await cluster?.stop();
      await access.stop();
      await store.close();
    },
  };
}

export type Services = ReturnType<typeof createServices>;

/** The fleet's shared budget, cache, recorder leases, request quotas and sign-in throttle in Redis (REDIS_URL); `localCache` serves while Redis does not. */
function createCluster(
  env: ServerEnv,
  redisUrl: string,
  local: { stats: CoalescingCache<RoomStatsAnswer>; info: CoalescingCache<RoomInfoAnswer>; list: CoalescingCache<LiveListing> },
) {
  const redis = connectRedis(redisUrl);
  const subscriber = connectRedis(redisUrl);
  const prefix = `${env.cluster.redisPrefix}${env.sdkAppId}:`;
  const instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const budget = createSharedBudget({ redis, key: `${prefix}budget`, instanceId, ratePerSecond: env.budgetPerSecond, instances: env.cluster.instances });
  const sharedBudget = (api: Exclude<LiveApi, "get_room_stats">) =>
    createSharedBudget({ redis, key: `${prefix}budget:${api}`, instanceId, ratePerSecond: env.apiBudgets[api], instances: env.cluster.instances });
  const budgets = { get_room_info: sharedBudget("get_room_info"), get_room_list: sharedBudget("get_room_list") };
  const leases = createRedisLeases({ redis, prefix, instanceId });
  // Rule ids are leased as rooms are, under their own prefix: one evaluator per rule across the fleet.
  // The evaluator claims once a cycle (the recorder's cadence), so its leases outlive three cycles:
  // a dead instance's rules move to the others within that.
  const alertLeases = createRedisLeases({ redis, prefix: `${prefix}alerts:`, instanceId, ttlMs: Math.max(6000, 3 * env.history.intervalMs) });
  const cache = createRedisCoalescingCache<RoomStatsAnswer, UpstreamErrorData>({
    redis,
    subscriber,
    prefix,
    instanceId,
    freshnessMs: env.freshnessMs,
    // A little over the longest a lookup may take (the client's 8 s deadline), so a holder that
    // died blocks the others no longer than that.
    lockMs: 10_000,
    failures: upstreamFailures,
    fallback: local.stats,
  });
  const infoCache = createRedisCoalescingCache<RoomInfoAnswer, UpstreamErrorData>({
    redis,
    subscriber,
    prefix: `${prefix}info:`,
    instanceId,
    freshnessMs: env.roomInfoFreshnessMs,
    failureFreshnessMs: INFO_FAILURE_FRESHNESS_MS,
    lockMs: 10_000,
    failures: upstreamFailures,
    fallback: local.info,
  });
  // One listing of the live rooms per window for the whole fleet: the instance that takes the lock
  // reads every page (up to the listing's time limit), the others wait for its answer.
  const listCache = createRedisCoalescingCache<LiveListing, UpstreamErrorData>({
    redis,
    subscriber,
    prefix: `${prefix}live:`,
    instanceId,
    freshnessMs: env.liveList.freshnessMs,
    failureFreshnessMs: INFO_FAILURE_FRESHNESS_MS,
    lockMs: LISTING_TIME_LIMIT_MS + 10_000,
    failures: upstreamFailures,
    fallback: local.list,
  });
  return {
    budget,
    budgets,
    infoCache,
    listCache,
    leases,
    alertLeases,
    cache,
    quota: createRedisRequestQuota({ redis, prefix, perMinute: env.access.quotaPerMinute }),
    // Start-up waits this long for Redis, so that the first requests count with the fleet; an
    // instance that cannot reach it starts anyway, on its own counters, and says so in health.
    connected: whenReady(redis, REDIS_CONNECT_WAIT_MS),
    throttle: createRedisSignInThrottle({ redis, prefix }),
    status: () => ({ mode: budget.mode(), instances: env.cluster.instances }),
    start() {
      budget.start();
      budgets.get_room_info.start();
      budgets.get_room_list.start();
      void infoCache.start().catch(() => undefined);
      void listCache.start().catch(() => undefined);
      void cache.start().catch((error: unknown) => log.warn("could not subscribe to shared answers; waiting instances poll instead", { error: (error as Error).message }));
    },
    async stop() {
      await leases.release();
      await alertLeases.release();
      await budget.stop();
      await budgets.get_room_info.stop();
      await budgets.get_room_list.stop();
      await cache.stop();
      await infoCache.stop();
      await listCache.stop();
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}

// Next bundles each route separately, so a module-level variable could exist once per route; the
// process-wide budget, cache and store have to live on globalThis.
export const SERVICES_KEY = Symbol.for("roomscope.services");
type Holder = { [SERVICES_KEY]?: Services };

export function services(): Services {
  const holder = globalThis as Holder;
  holder[SERVICES_KEY] ??= createServices(serverEnv());
  return holder[SERVICES_KEY];
}
