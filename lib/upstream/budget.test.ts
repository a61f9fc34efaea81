import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BudgetExceededError, createBackgroundBudget, createTokenBucket } from "./budget";

// Fake timers move Date.now and setTimeout together, so schedules can be checked exactly.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `acquire` and records when (fake time) it was allowed to go, or that it was refused. */
function track(promise: Promise<void>) {
  const result: { sentAt?: number; refused?: BudgetExceededError } = {};
  promise.then(
    () => void (result.sentAt = Date.now()),
    (e: BudgetExceededError) => void (result.refused = e),
  );
  return result;
}

function maxInAnySecond(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("token bucket", () => {
  it("never lets more than the limit through in any one-second window", async () => {
    const bucket = createTokenBucket({ ratePerSecond: 100 });
    // Callers arrive ten times faster than the limit, for two seconds.
    const calls = [];
    for (let i = 0; i < 2000; i++) {
      calls.push(track(bucket.acquire(60_000)));
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(30_000);
    const sent = calls.map((c) => c.sentAt!);
    expect(sent.every((t) => t !== undefined)).toBe(true);
    expect(maxInAnySecond(sent)).toBeLessThanOrEqual(100);
    // ...while still using most of it over the long run.
    expect(sent.length / ((Math.max(...sent) - Math.min(...sent)) / 1000)).toBeGreaterThan(90);
  });

  it("keeps the limit when its timer fires late", async () => {
    const bucket = createTokenBucket({ ratePerSecond: 100 });
    const calls = Array.from({ length: 300 }, () => track(bucket.acquire(60_000)));
    await vi.advanceTimersByTimeAsync(0); // the burst goes at once
    // The event loop stalls for 700 ms; waiting callers must not all go at once afterwards.
    vi.setSystemTime(Date.now() + 700);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(maxInAnySecond(calls.map((c) => c.sentAt!))).toBeLessThanOrEqual(100);
  });

  it("refuses at once, with a retry time, a caller that would wait past its deadline", async () => {
    const bucket = createTokenBucket({ ratePerSecond: 10 });
    await bucket.acquire(0); // the burst of one token for a limit of 10/s
    const refused = track(bucket.acquire(50));
    await vi.advanceTimersByTimeAsync(0);
    expect(refused.refused).toBeInstanceOf(BudgetExceededError);
    expect(refused.refused!.retryAfterMs).toBeGreaterThan(50);
    expect(refused.refused!.retryAfterMs).toBeLessThanOrEqual(112);
    // The refusal took no token: a patient caller gets the next one.
    const patient = track(bucket.acquire(1000));
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(200);
    expect(patient.sentAt! - t0).toBeLessThanOrEqual(112);
  });

  it("holds back every call after Tencent reports the app over its limit, queued ones included", async () => {
    const bucket = createTokenBucket({ ratePerSecond: 100 });
    const t0 = Date.now();
    const queued = Array.from({ length: 30 }, () => track(bucket.acquire(5000)));
    await vi.advanceTimersByTimeAsync(0);
    const before = queued.filter((c) => c.sentAt !== undefined).length; // the burst went at once
    bucket.holdOff(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(queued.filter((c) => c.sentAt !== undefined).length).toBe(before);
    await vi.advanceTimersByTimeAsync(2000);
    expect(queued.every((c) => c.sentAt !== undefined)).toBe(true);
    expect(Math.min(...queued.slice(before).map((c) => c.sentAt!))).toBeGreaterThanOrEqual(t0 + 1000);
    // New callers that cannot be served within their deadline are refused with the hold-off in mind.
    bucket.holdOff(1000);
    const late = track(bucket.acquire(500));
    await vi.advanceTimersByTimeAsync(0);
    expect(late.refused?.retryAfterMs).toBeGreaterThanOrEqual(1000);
  });

  it("serves background work at its share, spreading a batch, and only with tokens nobody waits for", async () => {
    const shared = createTokenBucket({ ratePerSecond: 100 });
    const background = createBackgroundBudget(shared, 70);
    // A batch of 140 rooms falls due at once: served over about two seconds, not refused.
    const batch = Array.from({ length: 140 }, () => track(background.acquire(5000)));
    await vi.advanceTimersByTimeAsync(5000);
    const sent = batch.map((c) => c.sentAt);
    expect(sent.every((t) => t !== undefined)).toBe(true);
    expect(maxInAnySecond(sent as number[])).toBeLessThanOrEqual(70);

    // While interactive callers queue in the shared budget, background work gets nothing.
    const interactive = Array.from({ length: 30 }, () => track(shared.acquire(5000)));
    const starved = track(background.acquire(5000));
    await vi.advanceTimersByTimeAsync(100);
    expect(starved.refused).toBeInstanceOf(BudgetExceededError);
    await vi.advanceTimersByTimeAsync(1000);
    expect(interactive.every((c) => c.sentAt !== undefined)).toBe(true);
  });
});
