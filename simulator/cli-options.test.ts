import { describe, expect, it } from "vitest";

import { parseCli } from "./cli-options";
import { DEMO_APP } from "./demo-app";

describe("parseCli", () => {
  it("has defaults fit for running next to the console", () => {
    expect(parseCli([], {})).toMatchObject({ port: 9100, host: "127.0.0.1", seed: 42, rooms: 120, rateLimit: 100, fault: "none", roomFaults: {}, slowMs: 6000, apps: [DEMO_APP], verbose: false });
  });

  it("reads flags, repeated room faults included, and prefers them to the environment", () => {
    const options = parseCli(
      ["--port", "9200", "--seed", "7", "--rooms", "10", "--fault", "flaky", "--room-fault", "demo-quiet=slow", "--room-fault", "直播间-1=down", "--rate-limit", "50"],
      { SIM_PORT: "1", SIM_FAULT: "down" },
    );
    expect(options).toMatchObject({ port: 9200, seed: 7, rooms: 10, fault: "flaky", rateLimit: 50, roomFaults: { "demo-quiet": "slow", "直播间-1": "down" } });
  });

  it("falls back to SIM_* variables", () => {
    const options = parseCli([], { SIM_PORT: "0", SIM_ROOM_FAULTS: "a=html_502, b=truncated_json", SIM_SDKAPPID: "1400123456", SIM_SECRET_KEY: "k".repeat(64), SIM_VERBOSE: "1" });
    expect(options).toMatchObject({ port: 0, roomFaults: { a: "html_502", b: "truncated_json" }, verbose: true });
    expect(options.apps?.[1]).toEqual({ sdkAppId: 1400123456, secretKey: "k".repeat(64), admins: ["administrator"] });
  });

  it("refuses bad values with the flag's name", () => {
    expect(() => parseCli(["--fault", "explode"], {})).toThrow(/--fault/);
    expect(() => parseCli(["--room-fault", "nomode"], {})).toThrow(/--room-fault/);
    expect(() => parseCli(["--rate-limit", "0"], {})).toThrow(/--rate-limit/);
    expect(() => parseCli(["--port", "abc"], {})).toThrow(/--port/);
    expect(() => parseCli(["--sdkappid", "1400123456"], {})).toThrow(/--secret-key/);
    expect(() => parseCli(["--what"], {})).toThrow();
  });
});

describe("parseCli's callbacks", () => {
  it("reads the callback URL, token and fault from flags or SIM_* variables, and refuses half of them", () => {
    expect(parseCli(["--callback-url", "http://127.0.0.1:3000/api/tencent/callback", "--callback-token", "tok", "--callback-fault", "replay"], {})).toMatchObject({
      callbackUrl: "http://127.0.0.1:3000/api/tencent/callback",
      callbackToken: "tok",
      callbackFault: "replay",
    });
    expect(parseCli([], { SIM_CALLBACK_URL: "http://x.test/cb", SIM_CALLBACK_TOKEN: "t" })).toMatchObject({ callbackUrl: "http://x.test/cb", callbackToken: "t", callbackFault: "none" });
    expect(() => parseCli(["--callback-url", "http://x.test/cb"], {})).toThrow(/--callback-token/);
    expect(() => parseCli(["--callback-url", "x.test", "--callback-token", "t"], {})).toThrow(/--callback-url/);
    expect(() => parseCli(["--callback-url", "http://x.test/cb", "--callback-token", "t", "--callback-fault", "boom"], {})).toThrow(/--callback-fault/);
  });
});
