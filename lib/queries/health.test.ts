import { describe, expect, it } from "vitest";
import { healthResponseSchema } from "./health";

describe("health query", () => {
  it("validates the answer", () => {
    const good = {
      status: "ok",
      simulated: true,
      freshnessMs: 1000,
      history: { storeOk: true, storeError: null, storeErrorAt: null, recorder: { running: true, rooms: 3, cadenceSeconds: 10 } },
      credential: { mode: "usersig", status: "expiring", expiresAt: "2025-01-16T00:00:00Z", lastCheckedAt: null, lastErrorCode: null },
    };
    expect(healthResponseSchema.safeParse(good).success).toBe(true);
    expect(healthResponseSchema.safeParse({ ...good, simulated: "yes" }).success).toBe(false);
  });
});
