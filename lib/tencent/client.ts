import "server-only";
import { getRandomValues } from "node:crypto";
import { Agent, request, type Dispatcher } from "undici";
import { z } from "zod";
import type { LiveRoom, RoomInfo } from "@/lib/contract/room-info";
import type { RoomStats } from "@/lib/contract/stats";
import { log } from "@/lib/log";
import { BudgetExceededError, createTokenBucket, type UpstreamBudget } from "@/lib/upstream/budget";
import type { UserSigProvider } from "./credential";
import { ruleForCode, UpstreamError, type RetryPolicy } from "./errors";
import { LIVE_API_LIMITS, ROOM_LIST_MAX_COUNT, type LiveApi } from "./live-apis";

// The one client of Tencent's live engine (get_room_stats, get_room_info, get_room_list). Every call
// goes through the same few steps, which every call must get right: a fresh `random`, a budget
// token per attempt (retries included) from that call's own budget (each has its own limit per
// SDKAppID), the success test on the body rather than on HTTP 200, and retries of only what a retry
// can fix, all inside one deadline.

const API_BASE = "/v4/live_engine_http_srv/";

export interface RoomStatsAnswer {
  stats: RoomStats;
  requestId: string;
  /** ISO time the answer arrived. */
  fetchedAt: string;
}

export interface RoomInfoAnswer {
  info: RoomInfo;
  requestId: string;
  fetchedAt: string;
}

export interface RoomListAnswer {
  rooms: LiveRoom[];
  /** Where the next page starts; "" after the last. */
  next: string;
  requestId: string;
  fetchedAt: string;
}

export interface TencentClientOptions {
  baseUrl: string;
  sdkAppId: number;
  identifier: string;
  userSig: UserSigProvider;
  /** get_room_stats' budget. */
  budget: UpstreamBudget;
  /**
   * The other calls' budgets. One left out gets a bucket of this process's own at Tencent's
   * documented limit less 15 %: fine for one instance, not for a fleet (container.ts passes them all).
   */
  budgets?: Partial<Record<Exclude<LiveApi, "get_room_stats">, UpstreamBudget>>;
  /** Per attempt; Tencent gives up at about 3 s, so less would cut off answers. */
  attemptTimeoutMs?: number;
  /** Everything, retries and waits included. */
  deadlineMs?: number;
  /** No attempt starts with less time than this left: Tencent's backend itself takes up to ~3 s. */
  minAttemptMs?: number;
  /** Longest wait for a budget token before answering "rate limited". */
  budgetWaitMs?: number;
  maxAttempts?: number;
  /** Called with every answer Tencent gave, to learn the credential's state from real traffic. */
  onAnswer?: (answer: { ok: true } | { ok: false; error: UpstreamError }) => void;
  /** Called after every attempt, answered or not: how it ended (see attemptOutcome) and how long it took. */
  onAttempt?: (attempt: { outcome: string; ms: number }) => void;
  /** Connection pool; by default one of this client's own, keeping connections alive. */
  dispatcher?: Dispatcher;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for jitter. */
  jitter?: () => number;
}

const count = z.number().int().nonnegative();
const envelopeSchema = z.object({
  ActionStatus: z.string(),
  ErrorCode: z.coerce.number().int(),
  ErrorInfo: z.string().optional(),
  RequestId: z.string().optional(),
  Response: z.unknown().optional(),
});

const statsSchema = z.object({
  TotalViewers: count,
  TotalGiftsSent: count,
  TotalGiftCoins: count,
  TotalUniqueGiftSenders: count,
  TotalLikesReceived: count,
  TotalMsgCount: count,
});

// Tencent's pages list these fields without saying which are always present, so only what names the
// room and dates it is required; the rest reads as null (unknown) when missing or of another type.
const loose = <T extends z.ZodType>(schema: T) => schema.nullable().optional().catch(null);
const unixSeconds = z.number().int().positive();
const roomInfoSchema = z.object({
  RoomId: z.string(),
  RoomName: loose(z.string()),
  Owner_Account: loose(z.string()),
  CreateTime: unixSeconds,
  IsSeatEnabled: loose(z.boolean()),
  // Documented both as a string and, on an older page, as an integer (1 free, 2 apply).
  TakeSeatMode: loose(z.union([z.enum(["ApplyToTake", "FreeToTake"]), z.literal(1), z.literal(2)])),
  MaxSeatCount: loose(count),
  MaxMemberCount: loose(count),
  IsMessageDisabled: loose(z.boolean()),
  CoverURL: loose(z.string()),
  ViewCount: loose(count),
});
const roomListSchema = z.object({
  Next: z.string(),
  RoomList: z.array(
    z.object({
      RoomId: z.string(),
      RoomName: loose(z.string()),
      Owner_Account: loose(z.string()),
      CoverURL: loose(z.string()),
      CreateTime: unixSeconds,
      ViewCount: loose(count),
    }),
  ),
});

const isoFromUnix = (seconds: number) => new Date(seconds * 1000).toISOString();

/** get_room_info's RoomInfo as the console names it; null when it is not the documented shape. */
export function parseRoomInfo(raw: unknown): RoomInfo | null {
  const parsed = roomInfoSchema.safeParse((raw as { RoomInfo?: unknown } | null)?.RoomInfo);
  if (!parsed.success) return null;
  const r = parsed.data;
  const mode = r.TakeSeatMode;
  return {
    roomId: r.RoomId,
    name: r.RoomName ?? "",
    owner: r.Owner_Account ?? "",
    coverUrl: r.CoverURL ?? "",
    createdAt: isoFromUnix(r.CreateTime),
    seatsEnabled: r.IsSeatEnabled ?? null,
    takeSeatMode: mode === "FreeToTake" || mode === 1 ? "free" : mode === "ApplyToTake" || mode === 2 ? "apply" : null,
    maxSeats: r.MaxSeatCount ?? null,
    maxMembers: r.MaxMemberCount ?? null,
    messagesDisabled: r.IsMessageDisabled ?? null,
    viewCount: r.ViewCount ?? null,
  };
}

/** get_room_list's page as the console names it; null when it is not the documented shape. */
export function parseRoomList(raw: unknown): { next: string; rooms: LiveRoom[] } | null {
  const parsed = roomListSchema.safeParse(raw);
  if (!parsed.success) return null;
  return {
    next: parsed.data.Next,
    rooms: parsed.data.RoomList.map((r) => ({
      roomId: r.RoomId,
      name: r.RoomName ?? "",
      owner: r.Owner_Account ?? "",
      coverUrl: r.CoverURL ?? "",
      createdAt: isoFromUnix(r.CreateTime),
      viewCount: r.ViewCount ?? 0,
    })),
  };
}

/** Tencent's ErrorCode as text, or what happened instead: "timeout", "http_502", "network". */
export function attemptOutcome(error: UpstreamError): string {
  if (error.errorCode !== undefined) return String(error.errorCode);
  if (error.kind === "timeout") return "timeout";
  return error.httpStatus !== undefined ? `http_${error.httpStatus}` : "network";
}

/** A uniformly drawn unsigned 32-bit integer: Tencent's `random` takes the whole range. */
export function randomUint32(): number {
  return getRandomValues(new Uint32Array(1))[0]!;
}

type Attempt<T> = { ok: true; value: T; requestId: string } | { ok: false; error: UpstreamError; retry: RetryPolicy; answered: boolean };

/** One call: its path, its body, and how to read its `Response` (null: not the documented shape). */
interface CallSpec<T> {
  api: LiveApi;
  body: Record<string, unknown>;
  read: (response: unknown) => T | null;
  /** What the log line says the call was about. */
  context: Record<string, unknown>;
}

export function createTencentClient(options: TencentClientOptions) {
  const {
    baseUrl,
    sdkAppId,
    identifier,
    userSig,
    budget,
    budgets = {},
    attemptTimeoutMs = 5000,
    deadlineMs = 8000,
    minAttemptMs = 3000,
    budgetWaitMs = 2000,
    maxAttempts = 4,
    onAnswer,
    onAttempt,
    // undici directly rather than global fetch: Next patches fetch for its data cache, which costs
    // time on every call and has nothing to offer a POST that must never be cached. No cap on
    // connections: a call that holds its budget token must not then queue for a socket and reach
    // Tencent bunched with later ones (Tencent counts arrivals). The budget bounds how many are open.
    dispatcher = new Agent({ keepAliveTimeout: 10_000 }),
    now = Date.now,
    sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    jitter = Math.random,
  } = options;

  const budgetOf: Record<LiveApi, UpstreamBudget> = {
    get_room_stats: budget,
    get_room_info: budgets.get_room_info ?? createTokenBucket({ ratePerSecond: Math.floor(LIVE_API_LIMITS.get_room_info * 0.85) }),
    get_room_list: budgets.get_room_list ?? createTokenBucket({ ratePerSecond: Math.floor(LIVE_API_LIMITS.get_room_list * 0.85) }),
  };

  function signedUrl(api: LiveApi): string {
    const query = new URLSearchParams({
      sdkappid: String(sdkAppId),
      identifier,
      usersig: userSig.current(),
      random: String(randomUint32()),
      contenttype: "json",
    });
    return `${baseUrl}${API_BASE}${api}?${query}`;
  }

  async function attempt<T>(spec: CallSpec<T>, timeoutMs: number): Promise<Attempt<T>> {
    let status: number;
    let text: string;
    try {
      const response = await request(signedUrl(spec.api), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(spec.body),
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (e) {
      // Never pass the error's own text on: some quote the request URL, which is signed.
      const name = (e as Error)?.name;
      if (name === "TimeoutError" || name === "AbortError") {
        return { ok: false, retry: "backoff", answered: false, error: new UpstreamError(`no answer within ${timeoutMs} ms`, { kind: "timeout" }) };
      }
      const code = (e as { code?: unknown })?.code;
      const detail = typeof code === "string" ? code : "connection failed";
      return { ok: false, retry: "backoff", answered: false, error: new UpstreamError(`network error (${detail})`, { kind: "upstream", reason: "network" }) };
    }

    if (status !== 200) {
      const retry: RetryPolicy = status >= 500 ? "backoff" : status === 429 ? "slow_down" : "never";
      const kind = status === 429 ? "rate_limited" : "upstream";
      return { ok: false, retry, answered: false, error: new UpstreamError(`HTTP ${status} from the upstream`, { kind, reason: "http_status", httpStatus: status }) };
    }

    let parsed;
    try {
      parsed = envelopeSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      return { ok: false, retry: "backoff", answered: false, error: new UpstreamError("unreadable answer (not the documented JSON)", { kind: "upstream", reason: "bad_body" }) };
    }
    const body = parsed.data;
    if (body.ActionStatus === "OK" && body.ErrorCode === 0) {
      const value = body.Response === undefined ? null : spec.read(body.Response);
      if (value === null) {
        return {
          ok: false,
          retry: "backoff",
          answered: true,
          error: new UpstreamError("success answer without the documented Response", { kind: "upstream", reason: "no_figures", requestId: body.RequestId }),
        };
      }
      return { ok: true, value, requestId: body.RequestId ?? "" };
    }
    const rule = ruleForCode(body.ErrorCode);
    return {
      ok: false,
      retry: rule.retry,
      answered: true,
      error: new UpstreamError(`Tencent answered ${body.ErrorCode}`, {
        kind: rule.kind,
        reason: "tencent_code",
        errorCode: body.ErrorCode,
        errorInfo: body.ErrorInfo,
        requestId: body.RequestId,
      }),
    };
  }

  /** Full jitter over an exponential step, as AWS's back-off study recommends. */
  const backoffMs = (n: number) => Math.round(jitter() * Math.min(2000, 200 * 2 ** (n - 1)));

  async function call<T>(spec: CallSpec<T>): Promise<{ value: T; requestId: string; fetchedAt: string }> {
    const budget = budgetOf[spec.api];
    const deadline = now() + deadlineMs;
    let renewed = false;
    let last: UpstreamError | undefined;

    for (let n = 1; n <= maxAttempts; n++) {
      // Waiting for a token must leave the attempt enough time to be answered.
      const spare = deadline - now() - Math.min(minAttemptMs, attemptTimeoutMs);
      if (spare < 0) break;
      try {
        await budget.acquire(Math.min(budgetWaitMs, spare));
      } catch (e) {
        if (!BudgetExceededError.is(e)) throw e;
        // On a retry, the earlier failure says more than our own budget refusing the retry.
        throw last ?? new UpstreamError("the console's upstream budget is used up", { kind: "rate_limited", fromBudget: true, retryAfterMs: e.retryAfterMs });
      }

      const sentAt = performance.now();
      const result = await attempt(spec, Math.max(1, Math.min(attemptTimeoutMs, deadline - now())));
      const ms = performance.now() - sentAt;
      onAttempt?.({ outcome: result.ok ? "0" : attemptOutcome(result.error), ms });
      if (result.ok) {
        onAnswer?.({ ok: true });
        return { value: result.value, requestId: result.requestId, fetchedAt: new Date(now()).toISOString() };
      }
      last = result.error;
      // The request's id (lib/log.ts) ties this line to the lookup that made the call.
      log.warn("upstream call failed", {
        api: spec.api,
        ...spec.context,
        attempt: n,
        outcome: attemptOutcome(last),
        upstreamRequestId: last.requestId,
        ms: Math.round(ms),
      });
      if (result.answered) onAnswer?.({ ok: false, error: last });

      let pause: number;
      switch (result.retry) {
        case "never":
          throw last;
        case "new_usersig":
          if (renewed || !userSig.renew()) throw last;
          renewed = true;
          continue;
        case "backoff":
          pause = backoffMs(n);
          break;
        case "slow_down":
          // The whole app is over Tencent's limit: every caller in this process holds off.
          pause = 1000 + Math.round(jitter() * 500);
          budget.holdOff(pause);
          last = new UpstreamError(last.message, { ...last, retryAfterMs: pause });
          break;
      }
      if (n === maxAttempts || now() + pause >= deadline) break;
      await sleep(pause);
    }
    throw last ?? new UpstreamError(`no answer within ${deadlineMs} ms`, { kind: "timeout" });
  }

  return {
    async getRoomStats(roomId: string): Promise<RoomStatsAnswer> {
      const { value, requestId, fetchedAt } = await call({
        api: "get_room_stats",
        body: { RoomId: roomId },
        context: { roomId },
        read: (response) => {
          const parsed = statsSchema.safeParse(response);
          if (!parsed.success) return null;
          const r = parsed.data;
          return {
            totalViewers: r.TotalViewers,
            totalGiftsSent: r.TotalGiftsSent,
            totalGiftCoins: r.TotalGiftCoins,
            totalUniqueGiftSenders: r.TotalUniqueGiftSenders,
            totalLikesReceived: r.TotalLikesReceived,
            totalMsgCount: r.TotalMsgCount,
          };
        },
      });
      return { stats: value, requestId, fetchedAt };
    },

    async getRoomInfo(roomId: string): Promise<RoomInfoAnswer> {
      const { value, requestId, fetchedAt } = await call({ api: "get_room_info", body: { RoomId: roomId }, context: { roomId }, read: parseRoomInfo });
      return { info: value, requestId, fetchedAt };
    },

    /** One page of the rooms live now, by ViewCount descending; `next` is "" for the first page. */
    async getRoomList(next: string, count: number = ROOM_LIST_MAX_COUNT): Promise<RoomListAnswer> {
      if (!Number.isInteger(count) || count < 1 || count > ROOM_LIST_MAX_COUNT) {
        throw new RangeError(`get_room_list takes a Count from 1 to ${ROOM_LIST_MAX_COUNT}`);
      }
      const { value, requestId, fetchedAt } = await call({ api: "get_room_list", body: { Next: next, Count: count }, context: { count }, read: parseRoomList });
      return { ...value, requestId, fetchedAt };
    },
  };
}

export type TencentClient = ReturnType<typeof createTencentClient>;
