import { describe, expect, it } from "vitest";
import { FRESHNESS_FLOOR_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, isIntervalOption, pollInterval, type PollState } from "./polling";

const healthy: PollState = {
  paused: false,
  hidden: false,
  lastErrorStatus: null,
  consecutiveErrors: 0,
  baseMs: 5_000,
  floorMs: FRESHNESS_FLOOR_MS,
};

describe("pollInterval", () => {
  it("polls at the chosen interval while all is well", () => {
    expect(pollInterval(healthy)).toBe(5_000);
  });

  it("does not poll while paused or hidden", () => {
    expect(pollInterval({ ...healthy, paused: true })).toBe(false);
    expect(pollInterval({ ...healthy, hidden: true })).toBe(false);
  });

  it("stops for good on 400 and 404", () => {
    expect(pollInterval({ ...healthy, lastErrorStatus: 400, consecutiveErrors: 1 })).toBe(false);
    expect(pollInterval({ ...healthy, lastErrorStatus: 404, consecutiveErrors: 1 })).toBe(false);
  });

  it("backs off exponentially on repeated errors", () => {
    const failing = (n: number) => pollInterval({ ...healthy, baseMs: 2_000, lastErrorStatus: 502, consecutiveErrors: n });
    expect(failing(1)).toBe(4_000);
    expect(failing(2)).toBe(8_000);
    expect(failing(3)).toBe(16_000);
    expect(failing(5)).toBe(MAX_BACKOFF_MS);
    expect(failing(500)).toBe(MAX_BACKOFF_MS);
  });

  it("returns to the chosen interval after a success", () => {
    expect(pollInterval({ ...healthy, lastErrorStatus: null, consecutiveErrors: 0 })).toBe(5_000);
  });

  it("never caps below an interval the operator chose", () => {
    expect(pollInterval({ ...healthy, baseMs: 60_000, lastErrorStatus: 504, consecutiveErrors: 3 })).toBe(60_000);
  });

  it("waits at least as long as Retry-After asks on 429", () => {
    expect(pollInterval({ ...healthy, lastErrorStatus: 429, consecutiveErrors: 1, retryAfterMs: 30_000 })).toBe(30_000);
    // A short Retry-After does not undercut the backoff.
    expect(pollInterval({ ...healthy, lastErrorStatus: 429, consecutiveErrors: 2, retryAfterMs: 1_000 })).toBe(20_000);
    // An absurd one is bounded.
    expect(pollInterval({ ...healthy, lastErrorStatus: 429, consecutiveErrors: 1, retryAfterMs: 86_400_000 })).toBe(MAX_RETRY_AFTER_MS);
  });

  it("ignores Retry-After for other statuses", () => {
    expect(pollInterval({ ...healthy, lastErrorStatus: 502, consecutiveErrors: 1, retryAfterMs: 50_000 })).toBe(10_000);
  });

  it("never polls below the floor", () => {
    expect(pollInterval({ ...healthy, baseMs: 200 })).toBe(FRESHNESS_FLOOR_MS);
    expect(pollInterval({ ...healthy, baseMs: 0, floorMs: 2_500 })).toBe(2_500);
    expect(pollInterval({ ...healthy, baseMs: 200, floorMs: undefined })).toBe(FRESHNESS_FLOOR_MS);
  });
});

describe("isIntervalOption", () => {
  it("accepts only the menu", () => {
    expect(isIntervalOption(5)).toBe(true);
    expect(isIntervalOption(1)).toBe(false);
    expect(isIntervalOption(7)).toBe(false);
  });
});
