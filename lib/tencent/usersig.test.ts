import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { decodeUserSig, genUserSig, signatureOf } from "./usersig";

const require = createRequire(import.meta.url);
// Tencent's official Node library, untyped.
const TLSSigAPIv2 = require("tls-sig-api-v2") as {
  Api: new (sdkappid: number, key: string) => { genSig(userid: string, expire: number): string };
};

const VECTOR = {
  sdkAppId: 1400000000,
  key: "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
  identifier: "xiaojun",
  expire: 15552000,
  time: 1600000000,
  sig: "1Z5PngDjGaufeSiPoBuxdHY7EK3JTdAjMP93S4KvV3M=",
};

describe("TLSSigAPIv2", () => {
  it("matches the documented test vector", () => {
    const fields = { identifier: VECTOR.identifier, sdkAppId: VECTOR.sdkAppId, time: VECTOR.time, expire: VECTOR.expire };
    expect(signatureOf(fields, VECTOR.key)).toBe(VECTOR.sig);
    const decoded = decodeUserSig(genUserSig(fields, VECTOR.key));
    expect(decoded).toMatchObject({ ...fields, sig: VECTOR.sig, expiresAtMs: (VECTOR.time + VECTOR.expire) * 1000 });
  });

  it("produces zlib (RFC 1950) data in Tencent's base64 alphabet", () => {
    const sig = genUserSig({ identifier: "administrator", sdkAppId: 1400000001, time: 1700000000, expire: 86400 }, VECTOR.key);
    expect(sig).not.toMatch(/[+/=]/);
    const raw = Buffer.from(sig.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "="), "base64");
    expect(raw[0]).toBe(0x78); // zlib header, not raw deflate or gzip
    expect(JSON.parse(inflateSync(raw).toString())["TLS.ver"]).toBe("2.0");
  });

  it("agrees with Tencent's own tls-sig-api-v2 package", () => {
    vi.useFakeTimers({ now: VECTOR.time * 1000, toFake: ["Date"] });
    try {
      const official = new TLSSigAPIv2.Api(VECTOR.sdkAppId, VECTOR.key).genSig(VECTOR.identifier, VECTOR.expire);
      const theirs = decodeUserSig(official);
      const ours = decodeUserSig(
        genUserSig({ identifier: VECTOR.identifier, sdkAppId: VECTOR.sdkAppId, time: VECTOR.time, expire: VECTOR.expire }, VECTOR.key),
      );
      expect(ours).toEqual(theirs);
      expect(theirs.sig).toBe(VECTOR.sig);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses text that is not a UserSig", () => {
    expect(() => decodeUserSig("hello")).toThrow(/does not decode/);
    const notSig = Buffer.from(JSON.stringify({ a: 1 })).toString("base64");
    expect(() => decodeUserSig(notSig)).toThrow();
  });
});
