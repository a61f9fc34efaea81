// The upstream budget: every call this process makes to Tencent takes a token first, so the console
// is never the reason an app goes over Tencent's per-app limit. Behind an interface because a later
// step shares one budget between instances through Redis.

export interface UpstreamBudget {
  /**
   * Takes one call's worth of budget. Resolves when the call may be sent (possibly after a short
   * wait); rejects with BudgetExceededError, without waiting, when no token can be had within
   * `maxWaitMs`.
   */
  acquire(maxWaitMs: number): Promise<void>;
  /** Tencent said the app is over its limit: send nothing more for `ms`. */
  holdOff(ms: number): void;
}

const BUDGET_EXCEEDED = Symbol.for("roomscope.BudgetExceededError");

export class BudgetExceededError extends Error {
  // A brand rather than instanceof: Next may load this module more than once per process.
  readonly [BUDGET_EXCEEDED] = true;

  static is(error: unknown): error is BudgetExceededError {
    return typeof error === "object" && error !== null && BUDGET_EXCEEDED in error;
  }

  constructor(readonly retryAfterMs: number) {
    super("the upstream call budget is used up for now");
    this.name = "BudgetExceededError";
  }
}

export interface TokenBucketOptions {
  /** Tencent's limit for the app, calls per second. */
  ratePerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A token bucket whose burst plus refill add up to the limit: with burst b and refill r = limit - b,
 * no window of one second ever holds more than b + r = limit calls. (A bucket of capacity `limit`
 * refilling at `limit`/s would allow up to twice the limit across a second boundary.) The burst is
 * a twentieth of the limit, so a page of rooms opened together does not queue behind itself.
 *
 * A caller that must wait reserves its token at once (the balance goes negative), so waiting
 * callers are served in order without a queue, and a caller whose wait would exceed its deadline
 * is refused at once with the time a retry would succeed.
 */
export function createTokenBucket({ ratePerSecond, now = Date.now, sleep = realSleep }: TokenBucketOptions): UpstreamBudget {
  const burst = Math.max(1, Math.floor(ratePerSecond / 20));
  const refillPerMs = Math.max(1, ratePerSecond - burst) / 1000;
  let tokens = burst;
  // Time up to which tokens have been accounted; in the future during a hold-off.
  let accountedTo = now();

  function refill(at: number) {
    if (at <= accountedTo) return;
    tokens = Math.min(burst, tokens + (at - accountedTo) * refillPerMs);
    accountedTo = at;
  }

  return {
    async acquire(maxWaitMs) {
      const at = now();
      refill(at);
      if (tokens >= 1 && accountedTo <= at) {
        tokens -= 1;
        return;
      }
      const waitMs = Math.max(0, accountedTo - at) + Math.max(0, 1 - tokens) / refillPerMs;
      if (waitMs > maxWaitMs) throw new BudgetExceededError(Math.ceil(waitMs));
      tokens -= 1;
      await sleep(Math.ceil(waitMs));
    },
    holdOff(ms) {
      const at = now();
      refill(at);
      tokens = Math.min(tokens, 0);
      accountedTo = Math.max(accountedTo, at + ms);
    },
  };
}
