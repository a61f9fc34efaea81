// TLSSigAPIv2 verification, written from Tencent's description rather than shared with the console,
// so that a mistake in the console's signer shows up here instead of being mirrored.
//
// Codes, as Tencent documents them for UserSig verification:
//   70002 empty; 70003 not decodable (alphabet, zlib, JSON, missing or mistyped fields, TLS.ver);
//   70013 identifier differs; 70014 sdkappid differs; 70001 expired (now > time + expire);
//   70005 TLS.sig is not a well-formed HMAC-SHA256 (verification impossible);
//   70009 a well-formed HMAC that does not match: signed with another key, by far the usual cause.

import { createHmac, timingSafeEqual } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";

export const USERSIG_CODES = {
  expired: 70001,
  empty: 70002,
  unparseable: 70003,
  invalid: 70005,
  wrongKey: 70009,
  identifierMismatch: 70013,
  sdkAppIdMismatch: 70014,
} as const;

export type UserSigCheck =
  | { ok: true; identifier: string; sdkAppId: number; time: number; expire: number }
  | { ok: false; code: (typeof USERSIG_CODES)[keyof typeof USERSIG_CODES]; reason: string };

// A real admin UserSig inflates to ~200 bytes; the cap only stops a zip bomb.
const MAX_INFLATED_BYTES = 16 * 1024;
const TENCENT_BASE64 = /^[A-Za-z0-9*-]+_{0,2}$/;
const HMAC_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/** Undoes Tencent's alphabet (`*`->`+`, `-`->`/`, `_`->`=`); stock base64url would map `-` to `+`. */
export function decodeTencentBase64(text: string): Buffer | null {
  if (!TENCENT_BASE64.test(text)) return null;
  const standard = text.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "=");
  // Node's decoder is lenient; a length that cannot come from any byte string is refused here.
  if (standard.replace(/=+$/, "").length % 4 === 1) return null;
  return Buffer.from(standard, "base64");
}

export function encodeTencentBase64(bytes: Buffer): string {
  return bytes.toString("base64").replace(/\+/g, "*").replace(/\//g, "-").replace(/=/g, "_");
}

/** The exact text TLSSigAPIv2 signs; every line ends in "\n", the last one too. */
export function signedText(fields: { identifier: string; sdkAppId: string; time: string; expire: string; userBuf?: string }): string {
  let text = `TLS.identifier:${fields.identifier}\nTLS.sdkappid:${fields.sdkAppId}\nTLS.time:${fields.time}\nTLS.expire:${fields.expire}\n`;
  if (fields.userBuf !== undefined) text += `TLS.userbuf:${fields.userBuf}\n`;
  return text;
}

/** The key is used as its UTF-8 text: the 64 hex characters are not hex-decoded. */
function hmac(secretKey: string, text: string): Buffer {
  return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(text, "utf8").digest();
}

/**
 * Official signers disagree on number types (Node writes numbers, some ports write strings), so both
 * are accepted; the decimal text is what was signed.
 */
function readUnsigned(value: unknown): { number: number; text: string } | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return { number: value, text: String(value) };
  if (typeof value === "string" && /^\d{1,15}$/.test(value)) return { number: Number(value), text: value };
  return null;
}

function inflateDocument(userSig: string): Record<string, unknown> | null {
  const compressed = decodeTencentBase64(userSig);
  if (!compressed || compressed.length === 0) return null;
  let json: string;
  try {
    // inflateSync expects RFC 1950 (zlib header + Adler-32): raw deflate and gzip are refused, as upstream.
    json = inflateSync(compressed, { maxOutputLength: MAX_INFLATED_BYTES }).toString("utf8");
  } catch {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface VerifyInput {
  userSig: string;
  /** The `identifier` query parameter. */
  identifier: string;
  /** The `sdkappid` query parameter, already known to be one of ours. */
  sdkAppId: number;
  secretKey: string;
  nowSeconds: number;
}

export function verifyUserSig(input: VerifyInput): UserSigCheck {
  const fail = (code: Extract<UserSigCheck, { ok: false }>["code"], reason: string): UserSigCheck => ({ ok: false, code, reason });
  if (input.userSig === "") return fail(USERSIG_CODES.empty, "UserSig is empty");

  const doc = inflateDocument(input.userSig);
  if (!doc) return fail(USERSIG_CODES.unparseable, "UserSig could not be decoded");
  const identifier = doc["TLS.identifier"];
  const sdkAppId = readUnsigned(doc["TLS.sdkappid"]);
  const time = readUnsigned(doc["TLS.time"]);
  const expire = readUnsigned(doc["TLS.expire"]);
  const sig = doc["TLS.sig"];
  const userBuf = doc["TLS.userbuf"];
  if (doc["TLS.ver"] !== "2.0" || typeof identifier !== "string" || !sdkAppId || !time || !expire || (userBuf !== undefined && typeof userBuf !== "string")) {
    return fail(USERSIG_CODES.unparseable, "UserSig fields missing or malformed");
  }

  if (identifier !== input.identifier) return fail(USERSIG_CODES.identifierMismatch, "identifier differs from the UserSig's");
  if (sdkAppId.number !== input.sdkAppId) return fail(USERSIG_CODES.sdkAppIdMismatch, "sdkappid differs from the UserSig's");
  if (input.nowSeconds > time.number + expire.number) return fail(USERSIG_CODES.expired, "UserSig expired");

  if (typeof sig !== "string" || !HMAC_BASE64.test(sig)) return fail(USERSIG_CODES.invalid, "TLS.sig is not an HMAC-SHA256");
  const expected = hmac(
    input.secretKey,
    signedText({ identifier, sdkAppId: sdkAppId.text, time: time.text, expire: expire.text, userBuf: userBuf as string | undefined }),
  );
  if (!timingSafeEqual(expected, Buffer.from(sig, "base64"))) return fail(USERSIG_CODES.wrongKey, "signature does not match the app's key");

  return { ok: true, identifier, sdkAppId: sdkAppId.number, time: time.number, expire: expire.number };
}

export interface MintInput {
  sdkAppId: number;
  secretKey: string;
  identifier: string;
  /** Validity in seconds; default one day. */
  expireSeconds?: number;
  /** Issue time in Unix seconds; default now. */
  nowSeconds?: number;
}

/** Mints a UserSig the way TLSSigAPIv2 does; for tests and demos driving the simulator directly. */
export function mintUserSig(input: MintInput): string {
  const time = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const expire = input.expireSeconds ?? 86_400;
  const text = signedText({ identifier: input.identifier, sdkAppId: String(input.sdkAppId), time: String(time), expire: String(expire) });
  const doc = {
    "TLS.ver": "2.0",
    "TLS.identifier": input.identifier,
    "TLS.sdkappid": input.sdkAppId,
    "TLS.expire": expire,
    "TLS.time": time,
    "TLS.sig": hmac(input.secretKey, text).toString("base64"),
  };
  return encodeTencentBase64(deflateSync(Buffer.from(JSON.stringify(doc), "utf8")));
}
