import { describe, expect, it } from "vitest";
import { createMemorySignInThrottle } from "./sign-in-throttle";

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("the sign-in throttle", () => {
  it("lets four failures pass, then makes each next attempt wait twice as long", () => {
    const c = clock();
    const throttle = createMemorySignInThrottle({ now: c.now });
    for (let i = 0; i < 4; i++) {
      expect(throttle.check("ana@example.com", "10.0.0.1").ok).toBe(true);
      throttle.failed("ana@example.com", "10.0.0.1");
    }
    expect(throttle.check("ana@example.com", "10.0.0.1").ok).toBe(true);
    throttle.failed("ana@example.com", "10.0.0.1");
    expect(throttle.check("ana@example.com", "10.0.0.1")).toEqual({ ok: false, retryAfterMs: 15_000 });
    c.advance(15_000);
    throttle.failed("ana@example.com", "10.0.0.1");
    expect(throttle.check("ana@example.com", "10.0.0.1")).toEqual({ ok: false, retryAfterMs: 30_000 });
  });

  it("keys an account by its normalised email, whether or not it exists, from any address", () => {
    const throttle = createMemorySignInThrottle({ now: clock().now });
    for (let i = 0; i < 5; i++) throttle.failed(` Nobody@Example.com `, `10.0.0.${i}`);
    expect(throttle.check("nobody@example.com", "10.9.9.9").ok).toBe(false);
    expect(throttle.check("someone-else@example.com", "10.9.9.9").ok).toBe(true);
  });

  it("gives an address more room than an account, then throttles every email from it", () => {
    const throttle = createMemorySignInThrottle({ now: clock().now });
    for (let i = 0; i < 20; i++) throttle.failed(`user${i}@example.com`, "10.0.0.1");
    expect(throttle.check("fresh@example.com", "10.0.0.1").ok).toBe(true);
    throttle.failed("user20@example.com", "10.0.0.1");
    expect(throttle.check("fresh@example.com", "10.0.0.1").ok).toBe(false);
    expect(throttle.check("fresh@example.com", "10.0.0.2").ok).toBe(true);
  });

  it("starts over after a success, and forgets old failures", () => {
    const c = clock();
    const throttle = createMemorySignInThrottle({ now: c.now });
    for (let i = 0; i < 4; i++) throttle.failed("ana@example.com", null);
    throttle.succeeded("ana@example.com");
    throttle.failed("ana@example.com", null);
    expect(throttle.check("ana@example.com", null).ok).toBe(true);
    for (let i = 0; i < 4; i++) throttle.failed("bo@example.com", null);
    c.advance(31 * 60_000);
    throttle.failed("bo@example.com", null);
    expect(throttle.check("bo@example.com", null).ok).toBe(true);
  });

  it("never waits more than 15 minutes", () => {
    const c = clock();
    const throttle = createMemorySignInThrottle({ now: c.now });
    for (let i = 0; i < 40; i++) throttle.failed("ana@example.com", null);
    const check = throttle.check("ana@example.com", null);
    expect(check).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
  });
});
