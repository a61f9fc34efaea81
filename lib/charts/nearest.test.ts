import { describe, expect, it } from "vitest";
import { nearestIndex } from "./nearest";

const rows = [{ t: 0 }, { t: 10 }, { t: 20 }, { t: 40 }];

describe("nearestIndex", () => {
  it("finds the row nearest a time, clamped to the ends", () => {
    expect(nearestIndex(rows, 11)).toBe(1);
    expect(nearestIndex(rows, 16)).toBe(2);
    expect(nearestIndex(rows, 31)).toBe(3);
    expect(nearestIndex(rows, -100)).toBe(0);
    expect(nearestIndex(rows, 1000)).toBe(3);
  });

  it("has nothing to find in no rows", () => {
    expect(nearestIndex([], 5)).toBe(-1);
  });
});
