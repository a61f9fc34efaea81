import { describe, expect, it } from "vitest";
import { roleFromClaim } from "./better-auth";

describe("the role an identity provider's claim maps to", () => {
  it("takes roomscope-<role> values, from a string or a list, strongest first", () => {
    expect(roleFromClaim("roomscope-ops")).toBe("ops");
    expect(roleFromClaim(["staff", "roomscope-viewer", "roomscope-support"])).toBe("support");
    expect(roleFromClaim(["roomscope-admin", "roomscope-viewer"])).toBe("admin");
  });

  it("maps nothing else: bare names, unknown roles, other types", () => {
    for (const value of ["admin", ["admin", "ops"], "roomscope-root", "roomscope-", 7, null, undefined, { role: "admin" }]) {
      expect(roleFromClaim(value)).toBeUndefined();
    }
  });
});
