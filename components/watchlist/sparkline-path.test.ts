import { describe, expect, it } from "vitest";
import { sparklinePath } from "./sparkline-path";

describe("sparklinePath", () => {
  it("scales into the box with the lowest value at the bottom", () => {
    expect(sparklinePath([{ t: 0, v: 0 }, { t: 10, v: 10 }], 100, 20, 0)).toBe("M0,20L100,0");
  });

  it("breaks at nulls and draws a lone point as a dash", () => {
    const path = sparklinePath([{ t: 0, v: 1 }, { t: 1, v: 2 }, { t: 2, v: null }, { t: 3, v: 2 }], 30, 10, 0);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).toContain("M28.5,0L31.5,0");
  });

  it("is empty without values", () => {
    expect(sparklinePath([], 10, 10)).toBe("");
    expect(sparklinePath([{ t: 0, v: null }], 10, 10)).toBe("");
  });
});
