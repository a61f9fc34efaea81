import { errorBrand } from "@/lib/errors/brand";

// The upstream budget: every call this process makes to Tencent takes a token first, so the console
// is never the reason an app goes over Tencent's per-app limit. Behind an interface because a later
// step shares one budget between instances through Redis.

export interface UpstreamBudget {
  /**
   * Takes one call's worth of budget. Resolves when the call may be sent (possibly after a wait);
   * rejects with BudgetExceededError, without waiting, when no token can be had within `maxWaitMs`.
   */
  acquire(maxWaitMs: number): Promise<void>;
  /** Tencent said the app is over its limit: send nothing more for `ms`, queued callers included. */
  holdOff(ms: number): void;
}

const brand = errorBrand("BudgetExceededError");

export class BudgetExceededError extends Error {
  static is(error: unknown): error is BudgetExceededError {
    return brand.is(error);
  }

  constructor(readonly retryAfterMs: number) {
    super("the upstream call budget is used up for now");
    this.name = "BudgetExceededError";
    brand.mark(this);
  }
}

export interface TokenBucketOptions {
  /** Calls per second at most, as sent: below Tencent's limit for the app (see createTokenBucket). */
  ratePerSecond: number;
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
  deadline: number;
}

/**
 * A token bucket whose burst plus refill add up to the rate: with burst b and refill r = rate - b,
 * no window of one second ever holds more than b + r = rate calls as they are sent. Tencent counts
 * them as they arrive, so the rate given here is below Tencent's limit (lib/env.ts upstreamBudget
 * says by how much, and why). A bucket of capacity `rate` refilling at `rate`/s would allow up to
 * twice the rate across a second boundary. The burst is a twentieth of the rate, so a page of rooms
 * opened together does not queue behind itself.
 *
 * Callers that must wait queue in order; a token is handed out only when the clock says it exists,
 * so a late timer (GC, a busy event loop) can delay calls but never bunch them past the rate, and a
 * hold-off delays the queue too. A caller whose turn would come after its deadline is refused at
 * once with the time a retry would succeed.
 */
export function createTokenBucket({ ratePerSecond, now = Date.now }: TokenBucketOptions): UpstreamBudget {
  const burst = Math.max(1, Math.floor(ratePerSecond / 20));
  const refillPerMs = Math.max(1, ratePerSecond - burst) / 1000;
  let tokens = burst;
  // Time up to which tokens have been accounted; in the future during a hold-off.
  let accountedTo = now();
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  function refill(at: number) {
    if (at <= accountedTo) return;
    tokens = Math.min(burst, tokens + (at - accountedTo) * refillPerMs);
    accountedTo = at;
  }

  /** Milliseconds until the n-th token from now exists. */
  function waitFor(n: number, at: number) {
    return Math.max(0, accountedTo - at) + Math.max(0, n - tokens) / refillPerMs;
  }

  function drain() {
    timer = null;
    const at = now();
    refill(at);
    while (queue.length > 0 && tokens >= 1 && accountedTo <= at) {
      const waiter = queue.shift()!;
      if (waiter.deadline < at) {
        waiter.reject(new BudgetExceededError(Math.ceil(waitFor(1, at))));
        continue;
      }
      tokens -= 1;
      waiter.resolve();
    }
    schedule();
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = queue.length > 0 ? setTimeout(drain, Math.max(1, Math.ceil(waitFor(1, now())))) : null;
  }

  return {
    acquire(maxWaitMs) {
      const at = now();
      refill(at);
      if (queue.length === 0 && tokens >= 1 && accountedTo <= at) {
        tokens -= 1;
        return Promise.resolve();
      }
      const waitMs = waitFor(queue.length + 1, at);
      if (waitMs > maxWaitMs) return Promise.reject(new BudgetExceededError(Math.ceil(waitMs)));
      return new Promise<void>((resolve, reject) => {
        queue.push({ resolve, reject, deadline: at + maxWaitMs });
        if (!timer) schedule();
      });
    },
    holdOff(ms) {
      const at = now();
      refill(at);
      tokens = Math.min(tokens, 0);
      accountedTo = Math.max(accountedTo, at + ms);
      schedule();
    },
  };
}

/**
 * A budget for background work such as the recorder: at most `ratePerSecond` of its own, and only
 * tokens of the shared budget that nobody is queueing for, so interactive lookups always come first.
 * Callers queue in the background's own bucket (which spreads a batch of due rooms evenly over
 * time) but never in the shared one: refused there, they come back later.
 */
export function createBackgroundBudget(shared: UpstreamBudget, ratePerSecond: number): UpstreamBudget {
  const own = createTokenBucket({ ratePerSecond: Math.max(1, ratePerSecond) });
  return {
    async acquire(maxWaitMs) {
      await own.acquire(maxWaitMs);
      await shared.acquire(0);
    },
    holdOff(ms) {
      shared.holdOff(ms);
      own.holdOff(ms);
    },
  };
}
