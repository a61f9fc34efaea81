import { describe, expect, it } from "vitest";
import { healthQueryOptions, healthResponseSchema } from "./health";

describe("health query", () => {
  it("has a stable key", () => {
    expect(healthQueryOptions().queryKey).toEqual(["health"]);
  });

  it("validates the answer", () => {
    const good = {
      status: "ok",
      simulated: true,
      credential: { mode: "usersig", status: "expiring", expiresAt: "2025-01-16T00:00:00Z", lastCheckedAt: null, lastErrorCode: null },
    };
    expect(healthResponseSchema.safeParse(good).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, simulated: "yes" }).success).toBe(false);
  });
});
