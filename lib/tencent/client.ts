import "server-only";
import { getRandomValues } from "node:crypto";
import { Agent, request, type Dispatcher } from "undici";
import { z } from "zod";
import type { RoomStats } from "@/lib/contract/stats";
import { log } from "@/lib/log";
import { BudgetExceededError, type UpstreamBudget } from "@/lib/upstream/budget";
import type { UserSigProvider } from "./credential";
import { ruleForCode, UpstreamError, type RetryPolicy } from "./errors";

// The one client of Tencent's get_room_stats. It owns the things every call must get right: a
// fresh `random`, a budget token per attempt (retries included), the success test on the body
// rather than on HTTP 200, and retries of only what a retry can fix, all inside one deadline.

const PATH = "/v4/live_engine_http_srv/get_room_stats";

export interface RoomStatsAnswer {
  stats: RoomStats;
  requestId: string;
  /** ISO time the answer arrived. */
  fetchedAt: string;
}

export interface TencentClientOptions {
  baseUrl: string;
  sdkAppId: number;
  identifier: string;
  userSig: UserSigProvider;
  budget: UpstreamBudget;
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
const answerSchema = z.object({
  ActionStatus: z.string(),
  ErrorCode: z.coerce.number().int(),
  ErrorInfo: z.string().optional(),
  RequestId: z.string().optional(),
  Response: z
    .object({
      TotalViewers: count,
      TotalGiftsSent: count,
      TotalGiftCoins: count,
      TotalUniqueGiftSenders: count,
      TotalLikesReceived: count,
      TotalMsgCount: count,
    })
    .optional(),
});

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

type Attempt = { ok: true; answer: RoomStatsAnswer } | { ok: false; error: UpstreamError; retry: RetryPolicy; answered: boolean };

export function createTencentClient(options: TencentClientOptions) {
  const {
    baseUrl,
    sdkAppId,
    identifier,
    userSig,
    budget,
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

  function signedUrl(): string {
    const query = new URLSearchParams({
      sdkappid: String(sdkAppId),
      identifier,
      usersig: userSig.current(),
      random: String(randomUint32()),
      contenttype: "json",
    });
    return `${baseUrl}${PATH}?${query}`;
  }

  async function attempt(roomId: string, timeoutMs: number): Promise<Attempt> {
    let status: number;
    let text: string;
    try {
      const response = await request(signedUrl(), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ RoomId: roomId }),
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
      parsed = answerSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      return { ok: false, retry: "backoff", answered: false, error: new UpstreamError("unreadable answer (not the documented JSON)", { kind: "upstream", reason: "bad_body" }) };
    }
    const body = parsed.data;
    if (body.ActionStatus === "OK" && body.ErrorCode === 0) {
      if (!body.Response) {
        return {
          ok: false,
          retry: "backoff",
          answered: true,
          error: new UpstreamError("success answer without figures", { kind: "upstream", reason: "no_figures", requestId: body.RequestId }),
        };
      }
      const r = body.Response;
      return {
        ok: true,
        answer: {
          stats: {
            totalViewers: r.TotalViewers,
            totalGiftsSent: r.TotalGiftsSent,
            totalGiftCoins: r.TotalGiftCoins,
            totalUniqueGiftSenders: r.TotalUniqueGiftSenders,
            totalLikesReceived: r.TotalLikesReceived,
            totalMsgCount: r.TotalMsgCount,
          },
          requestId: body.RequestId ?? "",
          fetchedAt: new Date(now()).toISOString(),
        },
      };
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

  return {
    async getRoomStats(roomId: string): Promise<RoomStatsAnswer> {
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
        const result = await attempt(roomId, Math.max(1, Math.min(attemptTimeoutMs, deadline - now())));
        const ms = performance.now() - sentAt;
        onAttempt?.({ outcome: result.ok ? "0" : attemptOutcome(result.error), ms });
        if (result.ok) {
          onAnswer?.({ ok: true });
          return result.answer;
        }
        last = result.error;
        // The request's id (lib/log.ts) ties this line to the lookup that made the call.
        log.warn("upstream call failed", {
          roomId,
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
    },
  };
}

export type TencentClient = ReturnType<typeof createTencentClient>;
