import { describe, expect, it } from "vitest";
import { EnvError, parseAccessEnv, parseEnv } from "./env";

const SECRET = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
const base = { TENCENT_SDKAPPID: "1400000001", TENCENT_SECRET_KEY: SECRET };

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    // A message may name a variable but must never quote a value.
    for (const value of Object.values(source)) if (value && value.length > 3) expect((e as Error).message).not.toContain(value);
    return (e as EnvError).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv(base);
    expect(env).toMatchObject({
      sdkAppId: 1400000001,
      credential: { kind: "secret_key", secretKey: SECRET },
      adminUserId: "administrator",
      region: "china",
      apiBaseUrl: "https://console.tim.qq.com",
      rateLimitPerSecond: 100,
      budgetPerSecond: 85,
      freshnessMs: 1000,
      simulated: false,
      history: { dataDir: "./data", retentionMs: 90 * 86_400_000, viewedWindowMs: 6 * 3_600_000, intervalMs: 10_000, budgetShare: 0.7 },
    });
  });

  it("maps every region to its documented domain", () => {
    expect(parseEnv({ ...base, TENCENT_REGION: "singapore" }).apiBaseUrl).toBe("https://adminapisgp.im.qcloud.com");
    expect(parseEnv({ ...base, TENCENT_REGION: "silicon-valley" }).apiBaseUrl).toBe("https://adminapiusa.im.qcloud.com");
    expect(problems({ ...base, TENCENT_REGION: "mars" })[0]).toMatch(/^TENCENT_REGION: must be one of china, singapore/);
  });

  it("names a missing or malformed SDKAppID", () => {
    expect(problems({ TENCENT_SECRET_KEY: SECRET })).toEqual(["TENCENT_SDKAPPID: is required"]);
    expect(problems({ TENCENT_SECRET_KEY: SECRET, TENCENT_SDKAPPID: "" })).toEqual(["TENCENT_SDKAPPID: is required"]);
    expect(problems({ ...base, TENCENT_SDKAPPID: "-5" })[0]).toMatch(/^TENCENT_SDKAPPID:/);
    expect(problems({ ...base, TENCENT_SDKAPPID: "12abc" })[0]).toMatch(/^TENCENT_SDKAPPID:/);
    expect(problems({ ...base, TENCENT_SDKAPPID: "0" })).toEqual(["TENCENT_SDKAPPID: must be a positive integer"]);
    // Number() would read these; nobody writing them meant that number.
    for (const odd of ["0x10", "1e3", "1.5", " "]) expect(problems({ ...base, TENCENT_SDKAPPID: odd })[0]).toMatch(/^TENCENT_SDKAPPID:/);
  });

  it("requires a secret key or a ready UserSig", () => {
    expect(problems({ TENCENT_SDKAPPID: "1400000001" })[0]).toMatch(/TENCENT_SECRET_KEY.*TENCENT_USERSIG/);
    expect(parseEnv({ TENCENT_SDKAPPID: "1", TENCENT_USERSIG: "eJw-sig" }).credential).toEqual({ kind: "usersig", userSig: "eJw-sig" });
  });

  it("accepts plain http only for loopback hosts", () => {
    expect(parseEnv({ ...base, TENCENT_API_BASE_URL: "http://127.0.0.1:9100/" }).apiBaseUrl).toBe("http://127.0.0.1:9100");
    expect(parseEnv({ ...base, TENCENT_API_BASE_URL: "http://localhost:9100" }).apiBaseUrl).toBe("http://localhost:9100");
    expect(parseEnv({ ...base, TENCENT_API_BASE_URL: "https://proxy.example.com" }).apiBaseUrl).toBe("https://proxy.example.com");
    expect(problems({ ...base, TENCENT_API_BASE_URL: "http://proxy.example.com" })[0]).toMatch(/^TENCENT_API_BASE_URL: plain http/);
    expect(problems({ ...base, TENCENT_API_BASE_URL: "ftp://127.0.0.1" })[0]).toMatch(/^TENCENT_API_BASE_URL:/);
  });

  it("validates the recorder's settings", () => {
    expect(parseEnv({ ...base, RECORD_BUDGET_SHARE: "0.5", RECORD_INTERVAL_S: "5", DATA_DIR: "/var/lib/roomscope" }).history).toMatchObject({
      budgetShare: 0.5,
      intervalMs: 5000,
      dataDir: "/var/lib/roomscope",
    });
    expect(problems({ ...base, RECORD_BUDGET_SHARE: "70%" })[0]).toMatch(/^RECORD_BUDGET_SHARE: must be a fraction/);
    expect(problems({ ...base, RECORD_BUDGET_SHARE: "1.5" })[0]).toMatch(/^RECORD_BUDGET_SHARE:/);
    expect(problems({ ...base, HISTORY_RETENTION_DAYS: "0" })[0]).toMatch(/^HISTORY_RETENTION_DAYS:/);
  });

  it("takes single sign-on with all three OIDC_ variables and the console's public URL", () => {
    const sso = { OIDC_ISSUER: "https://idp.example.com/", OIDC_CLIENT_ID: "roomscope", OIDC_CLIENT_SECRET: "idp-client-secret" };
    expect(parseEnv({ ...base, ...sso, CONSOLE_URL: "https://roomscope.example.com" }).access.oidc).toEqual({
      issuer: "https://idp.example.com",
      clientId: "roomscope",
      clientSecret: "idp-client-secret",
      roleClaim: "groups",
      name: "single sign-on",
    });
    expect(problems({ ...base, OIDC_ISSUER: sso.OIDC_ISSUER })).toEqual([
      "OIDC_CLIENT_ID: is required when single sign-on is configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)",
      "OIDC_CLIENT_SECRET: is required when single sign-on is configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)",
    ]);
    // The redirect URI registered at the provider is CONSOLE_URL's: nothing else to build it from.
    expect(problems({ ...base, ...sso })).toEqual(["CONSOLE_URL: is required with single sign-on: the identity provider redirects to CONSOLE_URL/api/auth/callback/oidc"]);
    expect(() => parseAccessEnv(sso)).toThrow(/CONSOLE_URL: is required with single sign-on/);
    expect(problems({ ...base, ...sso, CONSOLE_URL: "https://roomscope.example.com", OIDC_ISSUER: "http://idp.example.com" })[0]).toMatch(/^OIDC_ISSUER: plain http/);
  });

  it("reads the callback token and RECORD_ALL_ROOMS, and never quotes the token in a problem", () => {
    expect(parseEnv(base).callbacks).toEqual({ token: undefined, recordAllRooms: false });
    expect(parseEnv({ ...base, TENCENT_CALLBACK_TOKEN: " tok ", RECORD_ALL_ROOMS: "1" }).callbacks).toEqual({ token: "tok", recordAllRooms: true });
    const long = "s".repeat(129);
    const found = problems({ ...base, TENCENT_CALLBACK_TOKEN: long, RECORD_ALL_ROOMS: "yes" });
    expect(found).toEqual(["TENCENT_CALLBACK_TOKEN: must be at most 128 characters (Tencent's limit for the callback token)", "RECORD_ALL_ROOMS: must be true or false"]);
    expect(found.join()).not.toContain(long);
  });

  it("validates the budget and freshness numbers", () => {
    expect(parseEnv({ ...base, TENCENT_RATE_LIMIT: "50", STATS_FRESHNESS_MS: "0" })).toMatchObject({ rateLimitPerSecond: 50, budgetPerSecond: 42, freshnessMs: 0 });
    expect(parseEnv({ ...base, TENCENT_RATE_HEADROOM: "0" })).toMatchObject({ budgetPerSecond: 100 });
    // Never nothing: a tiny limit still leaves one call a second.
    expect(parseEnv({ ...base, TENCENT_RATE_LIMIT: "1", TENCENT_RATE_HEADROOM: "50" })).toMatchObject({ budgetPerSecond: 1 });
    expect(problems({ ...base, TENCENT_RATE_HEADROOM: "60" })[0]).toMatch(/^TENCENT_RATE_HEADROOM: must be a whole percentage from 0 to 50/);
    expect(problems({ ...base, TENCENT_RATE_LIMIT: "0" })[0]).toMatch(/^TENCENT_RATE_LIMIT:/);
    expect(problems({ ...base, STATS_FRESHNESS_MS: "soon" })[0]).toMatch(/^STATS_FRESHNESS_MS:/);
  });
});
