import "server-only";
import { createHmac } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { z } from "zod";

// TLSSigAPIv2, as Tencent documents it for the REST API's admin UserSig. Tencent's base64 variant swaps three
// characters; it is not RFC 4648 base64url, so the stock decoder must not be used.

export interface UserSigFields {
  identifier: string;
  sdkAppId: number;
  /** Unix seconds the signature was made. */
  time: number;
  /** Validity in seconds from `time`. */
  expire: number;
}

function toTencentBase64(buf: Buffer): string {
  return buf.toString("base64").replace(/\+/g, "*").replace(/\//g, "-").replace(/=/g, "_");
}

function fromTencentBase64(text: string): Buffer {
  return Buffer.from(text.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "="), "base64");
}

export function signatureOf(fields: UserSigFields, secretKey: string): string {
  const content =
    `TLS.identifier:${fields.identifier}\n` +
    `TLS.sdkappid:${fields.sdkAppId}\n` +
    `TLS.time:${fields.time}\n` +
    `TLS.expire:${fields.expire}\n`;
  return createHmac("sha256", Buffer.from(secretKey, "utf8")).update(content).digest("base64");
}

export function genUserSig(fields: UserSigFields, secretKey: string): string {
  const doc = {
    "TLS.ver": "2.0",
    "TLS.identifier": fields.identifier,
    "TLS.sdkappid": fields.sdkAppId,
    "TLS.expire": fields.expire,
    "TLS.time": fields.time,
    "TLS.sig": signatureOf(fields, secretKey),
  };
  return toTencentBase64(deflateSync(Buffer.from(JSON.stringify(doc), "utf8")));
}

const decodedSchema = z.object({
  "TLS.identifier": z.string(),
  "TLS.sdkappid": z.coerce.number().int().positive(),
  "TLS.time": z.coerce.number().int().nonnegative(),
  "TLS.expire": z.coerce.number().int().nonnegative(),
  "TLS.sig": z.string().min(1),
});

export interface DecodedUserSig extends UserSigFields {
  sig: string;
  /** When it stops being accepted, in epoch milliseconds. */
  expiresAtMs: number;
}

/**
 * Reads the fields of a UserSig without verifying it (verifying needs the key, which a console
 * configured with a ready UserSig does not have). Throws on anything that is not a UserSig.
 */
export function decodeUserSig(userSig: string): DecodedUserSig {
  let json: unknown;
  try {
    json = JSON.parse(inflateSync(fromTencentBase64(userSig.trim())).toString("utf8"));
  } catch {
    throw new Error("not a TLSSigAPIv2 UserSig (it does not decode)");
  }
  const parsed = decodedSchema.safeParse(json);
  if (!parsed.success) throw new Error("not a TLSSigAPIv2 UserSig (fields missing)");
  const d = parsed.data;
  return {
    identifier: d["TLS.identifier"],
    sdkAppId: d["TLS.sdkappid"],
    time: d["TLS.time"],
    expire: d["TLS.expire"],
    sig: d["TLS.sig"],
    expiresAtMs: (d["TLS.time"] + d["TLS.expire"]) * 1000,
  };
}
