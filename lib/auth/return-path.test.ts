import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";
import { signInRedirect } from "./page-paths";

describe("the way back after signing in", () => {
  it("keeps a path on this console, query included", () => {
    expect(safeReturnPath("/rooms/demo-popular?interval=5")).toBe("/rooms/demo-popular?interval=5");
    expect(signInRedirect("/watchlist?sort=name")).toBe("/sign-in?next=%2Fwatchlist%3Fsort%3Dname");
  });

  it.each([
    ["another site", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/"],
    ["a backslash trick", "/\\evil.example"],
    ["a header-splitting newline", "/rooms/a\r\nSet-Cookie: x=1"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["nothing", null],
    ["the sign-in page itself", "/sign-in?next=/sign-in"],
  ])("refuses %s", (_label, raw) => {
    expect(safeReturnPath(raw)).toBe("/");
  });
});
