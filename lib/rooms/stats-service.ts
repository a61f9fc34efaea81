import "server-only";
import { ApiError } from "@/lib/api/errors";
import { serverEnv, type ServerEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { CredentialHealth, createMintingProvider, createStaticProvider } from "@/lib/tencent/credential";
import { createTencentClient, type RoomStatsAnswer, type TencentClientOptions } from "@/lib/tencent/client";
import { createMemoryCoalescingCache, type CoalescingCache } from "@/lib/upstream/coalescing-cache";
import { createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import { checkRoomId } from "./room-id";
import type { HealthResponse, RoomStatsResponse } from "./types";

// Room lookups: validation before anything leaves the process, then the shared cache, then the
// budgeted client. One instance per process (see roomStatsService) because the budget must be.

export interface RoomStatsServiceDeps {
  budget?: UpstreamBudget;
  cache?: CoalescingCache<RoomStatsAnswer>;
  client?: Partial<TencentClientOptions>;
}

export function createRoomStatsService(env: ServerEnv, deps: RoomStatsServiceDeps = {}) {
  const identity = { sdkAppId: env.sdkAppId, identifier: env.adminUserId };
  const userSig =
    env.credential.kind === "secret_key"
      ? createMintingProvider({ ...identity, secretKey: env.credential.secretKey })
      : createStaticProvider({ ...identity, userSig: env.credential.userSig });
  const credential = new CredentialHealth(userSig);
  const budget = deps.budget ?? createTokenBucket({ ratePerSecond: env.rateLimitPerSecond });
  const cache = deps.cache ?? createMemoryCoalescingCache<RoomStatsAnswer>({ freshnessMs: env.freshnessMs });

  let warnedExpiring = false;
  const client = createTencentClient({
    baseUrl: env.apiBaseUrl,
    ...identity,
    userSig,
    budget,
    onAnswer(answer) {
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
  });

  return {
    credential,

    async lookup(roomId: string): Promise<RoomStatsResponse> {
      const check = checkRoomId(roomId);
      if (!check.ok) throw new ApiError(400, "invalid_room_id", check.message);
      const answer = await cache.get(roomId, () => client.getRoomStats(roomId));
      return { roomId, ...answer };
    },

    health(): HealthResponse {
      return { status: "ok", simulated: env.simulated, freshnessMs: env.freshnessMs, credential: credential.snapshot() };
    },
  };
}

export type RoomStatsService = ReturnType<typeof createRoomStatsService>;

// Next bundles each route separately, so a module-level variable could exist once per route; the
// process-wide budget and cache have to live on globalThis.
const KEY = Symbol.for("roomscope.roomStatsService");
type Holder = { [KEY]?: RoomStatsService };

export function roomStatsService(): RoomStatsService {
  const holder = globalThis as Holder;
  holder[KEY] ??= createRoomStatsService(serverEnv());
  return holder[KEY];
}
