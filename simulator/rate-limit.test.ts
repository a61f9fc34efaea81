import { describe, expect, it } from "vitest";

import { SlidingWindowLimiter } from "./rate-limit";

describe("SlidingWindowLimiter", () => {
  it("allows the limit within a second, refuses the next, and counts apps apart", () => {
    const limiter = new SlidingWindowLimiter(3);
    expect([1, 2, 3, 4].map(() => limiter.tryAcquire("a", 1000))).toEqual([true, true, true, false]);
    expect(limiter.tryAcquire("b", 1000)).toBe(true);
  });

  it("slides: no 1-second window anywhere holds more than the limit", () => {
    const limiter = new SlidingWindowLimiter(4);
    expect(limiter.tryAcquire("a", 0)).toBe(true);
    expect(limiter.tryAcquire("a", 0)).toBe(true);
    expect(limiter.tryAcquire("a", 900)).toBe(true);
    expect(limiter.tryAcquire("a", 900)).toBe(true);
    // A fixed bucket would reset at 1000; the window (100, 1100] still holds the two calls at 900.
    expect(limiter.tryAcquire("a", 1000)).toBe(true);
    expect(limiter.tryAcquire("a", 1000)).toBe(true);
    expect(limiter.tryAcquire("a", 1000)).toBe(false);
    expect(limiter.tryAcquire("a", 1899)).toBe(false);
    expect(limiter.tryAcquire("a", 1900)).toBe(true);
  });

  it("lets a client pacing exactly at the limit through, and does not count refused calls", () => {
    const limiter = new SlidingWindowLimiter(100);
    for (let t = 0; t < 5000; t += 10) expect(limiter.tryAcquire("a", t)).toBe(true);
    const flood = new SlidingWindowLimiter(2);
    for (let i = 0; i < 50; i += 1) flood.tryAcquire("a", 500);
    expect(flood.tryAcquire("a", 1500)).toBe(true);
  });
});

describe("the busiest second of arrivals", () => {
  it("counts every arrival in its window, refused ones included, for one app at a time", () => {
    const limiter = new SlidingWindowLimiter(3);
    for (const t of [0, 100, 200]) limiter.tryAcquire("a", t);
    for (const t of [0, 100]) limiter.tryAcquire("b", t);
    expect(limiter.busiestWindow()).toBe(3);
    // Refused, but it arrived: four calls within (0, 1000].
    expect(limiter.tryAcquire("a", 999)).toBe(false);
    expect(limiter.busiestWindow()).toBe(4);
    // A window later, the old arrivals have left it.
    limiter.tryAcquire("a", 2500);
    expect(limiter.busiestWindow()).toBe(4);
  });
});
