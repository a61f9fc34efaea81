import { createRequire } from "node:module";
import { deflateRawSync, deflateSync, gzipSync, inflateSync } from "node:zlib";

import { afterEach, describe, expect, it, vi } from "vitest";

import { decodeTencentBase64, encodeTencentBase64, mintUserSig, verifyUserSig } from "./usersig";

// Tencent's own signer (CommonJS, untyped): the simulator must accept what it produces.
const loadCommonJs = createRequire(import.meta.url);
const TLSSigAPIv2 = loadCommonJs("tls-sig-api-v2") as {
  Api: new (sdkAppId: number, key: string) => { genSig(userId: string, expire: number): string };
};

// The test vector Tencent publishes for TLSSigAPIv2.
const VECTOR = {
  sdkAppId: 1400000000,
  key: "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
  identifier: "xiaojun",
  expire: 15552000,
  time: 1600000000,
  sig: "1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=",
};

function officialSig(opts: { sdkAppId?: number; key?: string; identifier?: string; expire?: number; time?: number } = {}): string {
  vi.spyOn(Date, "now").mockReturnValue((opts.time ?? VECTOR.time) * 1000);
  const api = new TLSSigAPIv2.Api(opts.sdkAppId ?? VECTOR.sdkAppId, opts.key ?? VECTOR.key);
  return api.genSig(opts.identifier ?? VECTOR.identifier, opts.expire ?? VECTOR.expire);
}

function decodeDoc(userSig: string): Record<string, unknown> {
  return JSON.parse(inflateSync(decodeTencentBase64(userSig)!).toString("utf8"));
}

const verifyVector = (userSig: string, overrides: Partial<Parameters<typeof verifyUserSig>[0]> = {}) =>
  verifyUserSig({ userSig, identifier: VECTOR.identifier, sdkAppId: VECTOR.sdkAppId, secretKey: VECTOR.key, nowSeconds: VECTOR.time + 60, ...overrides });

afterEach(() => vi.restoreAllMocks());

describe("verifyUserSig", () => {
  it("accepts the official library's UserSig and matches the documented test vector", () => {
    const userSig = officialSig();
    expect(decodeDoc(userSig)["TLS.sig"]).toBe(VECTOR.sig);
    expect(verifyVector(userSig)).toEqual({ ok: true, identifier: "xiaojun", sdkAppId: VECTOR.sdkAppId, time: VECTOR.time, expire: VECTOR.expire });
  });

  it("mints what the official library mints (same fields, same signature)", () => {
    const ours = mintUserSig({ sdkAppId: VECTOR.sdkAppId, secretKey: VECTOR.key, identifier: VECTOR.identifier, expireSeconds: VECTOR.expire, nowSeconds: VECTOR.time });
    expect(decodeDoc(ours)).toEqual(decodeDoc(officialSig()));
  });

  it("parses rather than compares: other key orders, spacing, string numbers, compression levels", () => {
    const doc = decodeDoc(officialSig());
    const reordered = `{ "TLS.sig": "${VECTOR.sig}", "TLS.expire": "${VECTOR.expire}", "TLS.time": ${VECTOR.time},\n "TLS.sdkappid": ${VECTOR.sdkAppId}, "TLS.identifier": "xiaojun", "TLS.ver": "2.0" }`;
    expect(JSON.parse(reordered)["TLS.sig"]).toBe(doc["TLS.sig"]);
    const userSig = encodeTencentBase64(deflateSync(Buffer.from(reordered), { level: 1 }));
    expect(verifyVector(userSig).ok).toBe(true);
  });

  it("rejects an expired UserSig with 70001, strictly after time + expire", () => {
    const userSig = officialSig({ expire: 100 });
    expect(verifyVector(userSig, { nowSeconds: VECTOR.time + 100 }).ok).toBe(true);
    expect(verifyVector(userSig, { nowSeconds: VECTOR.time + 101 })).toMatchObject({ ok: false, code: 70001 });
  });

  it("rejects another identifier (70013) and another app (70014)", () => {
    expect(verifyVector(officialSig(), { identifier: "administrator" })).toMatchObject({ ok: false, code: 70013 });
    expect(verifyVector(officialSig(), { sdkAppId: 1400000001 })).toMatchObject({ ok: false, code: 70014 });
  });

  it("rejects a signature made with another key (70009) and a tampered document (70009)", () => {
    const otherKey = officialSig({ key: "0".repeat(64) });
    expect(verifyVector(otherKey)).toMatchObject({ ok: false, code: 70009 });

    const doc = decodeDoc(officialSig());
    const longer = { ...doc, "TLS.expire": VECTOR.expire * 2 };
    expect(verifyVector(encodeTencentBase64(deflateSync(Buffer.from(JSON.stringify(longer)))))).toMatchObject({ ok: false, code: 70009 });
  });

  it("rejects a TLS.sig that is not an HMAC-SHA256 with 70005", () => {
    const doc = { ...decodeDoc(officialSig()), "TLS.sig": "abc=" };
    expect(verifyVector(encodeTencentBase64(deflateSync(Buffer.from(JSON.stringify(doc)))))).toMatchObject({ ok: false, code: 70005 });
  });

  it("answers 70002 for an empty UserSig and 70003 for garbage", () => {
    expect(verifyVector("")).toMatchObject({ ok: false, code: 70002 });
    const json = Buffer.from(JSON.stringify(decodeDoc(officialSig())));
    const garbage = [
      "not a usersig",
      "eJyrVgrxCQ_", // zlib header, then nothing usable
      officialSig().replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "="), // standard base64, not Tencent's
      encodeTencentBase64(deflateRawSync(json)), // raw deflate, no zlib header
      encodeTencentBase64(gzipSync(json)), // gzip
      encodeTencentBase64(deflateSync(Buffer.from("[1,2,3]"))),
      encodeTencentBase64(deflateSync(Buffer.from(JSON.stringify({ ...decodeDoc(officialSig()), "TLS.ver": "1.0" })))),
      encodeTencentBase64(deflateSync(Buffer.from(JSON.stringify({ ...decodeDoc(officialSig()), "TLS.time": -5 })))),
    ];
    for (const userSig of garbage) expect(verifyVector(userSig), userSig).toMatchObject({ ok: false, code: 70003 });
  });

  it("refuses stock base64url, whose '-' means '+' where Tencent's means '/'", () => {
    // Find a UserSig whose encoding uses both substituted characters, so the two alphabets differ.
    let identifier = "";
    let userSig = "";
    for (let i = 0; !(userSig.includes("*") && userSig.includes("-")); i += 1) {
      identifier = `user${i}`;
      userSig = officialSig({ identifier });
    }
    expect(verifyVector(userSig, { identifier }).ok).toBe(true);
    const base64url = decodeTencentBase64(userSig)!.toString("base64url");
    expect(verifyVector(base64url, { identifier })).toMatchObject({ ok: false, code: 70003 });
  });

  it("checks the userbuf line when a UserSig carries one", () => {
    // The official library signs PrivateMapKeys this way; the verifier must include the extra line.
    const api = new (loadCommonJs("tls-sig-api-v2").Api)(VECTOR.sdkAppId, VECTOR.key) as { genPrivateMapKeyWithStringRoomID(u: string, e: number, r: string, p: number): string };
    const key = api.genPrivateMapKeyWithStringRoomID("xiaojun", 600, "room", 255);
    expect(verifyVector(key, { nowSeconds: Math.floor(Date.now() / 1000) }).ok).toBe(true);
  });
});
