import { describe, expect, it } from "vitest";
import { BudgetExceededError, createTokenBucket } from "./budget";

/** A fake clock whose sleep advances time, so schedules can be checked exactly. */
function fakeClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe("token bucket", () => {
  it("never lets more than the limit through in any one-second window", async () => {
    const clock = fakeClock();
    // Sleep returns at once but notes how long the bucket asked the caller to wait.
    let asked = 0;
    const bucket = createTokenBucket({ ratePerSecond: 100, now: clock.now, sleep: async (ms) => void (asked = ms) });
    const sentAt: number[] = [];
    for (let i = 0; i < 1000; i++) {
      asked = 0;
      await bucket.acquire(60_000);
      sentAt.push(clock.now() + asked);
      clock.advance(1); // a caller every millisecond: ten times the limit
    }
    sentAt.sort((a, b) => a - b);
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < sentAt.length; i++) {
      while (sentAt[i]! - sentAt[j]! >= 1000) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    expect(maxInWindow).toBeLessThanOrEqual(100);
    // ...while still using most of it over the long run.
    const spanSeconds = (sentAt.at(-1)! - sentAt[0]!) / 1000;
    expect(sentAt.length / spanSeconds).toBeGreaterThan(90);
  });

  it("refuses at once, with a retry time, a caller that would wait past its deadline", async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 10, now: clock.now, sleep: clock.sleep });
    await bucket.acquire(0); // the burst of one token for a limit of 10/s
    const refusal = await bucket.acquire(50).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BudgetExceededError);
    expect((refusal as BudgetExceededError).retryAfterMs).toBeGreaterThan(50);
    expect((refusal as BudgetExceededError).retryAfterMs).toBeLessThanOrEqual(112);
    // The refusal took no token: a patient caller gets the next one.
    const t0 = clock.now();
    await bucket.acquire(1000);
    expect(clock.now() - t0).toBeLessThanOrEqual(112);
  });

  it("holds every call back after Tencent reports the app over its limit", async () => {
    const clock = fakeClock();
    const bucket = createTokenBucket({ ratePerSecond: 100, now: clock.now, sleep: clock.sleep });
    bucket.holdOff(1000);
    await expect(bucket.acquire(500)).rejects.toMatchObject({ retryAfterMs: expect.any(Number) });
    const t0 = clock.now();
    await bucket.acquire(2000);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(1000);
  });
});
