import { describe, expect, it } from "vitest";

import { hashString, mixSeed, mulberry32, poisson } from "./prng";

describe("prng", () => {
  it("is reproducible and spreads nearby inputs", () => {
    expect(hashString("live-0001")).toBe(hashString("live-0001"));
    expect(hashString("live-0001")).not.toBe(hashString("live-0002"));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    const a = mulberry32(5);
    const b = mulberry32(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("draws Poisson counts with the right mean, small and large", () => {
    const random = mulberry32(99);
    for (const lambda of [0.3, 7, 250]) {
      let sum = 0;
      for (let i = 0; i < 4000; i += 1) sum += poisson(random, lambda);
      expect(sum / 4000).toBeGreaterThan(lambda * 0.93);
      expect(sum / 4000).toBeLessThan(lambda * 1.07);
    }
    expect(poisson(random, 0)).toBe(0);
  });
});
