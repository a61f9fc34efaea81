import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { zodParams } from "./errors";

// Route input through the contract's zod schemas. A query that breaks a rule is an
// `invalid_query` naming the parameter and the rule (lib/api/errors.ts words it); a body is read
// only up to MAX_BODY_BYTES, only as JSON, and only as valid UTF-8 (a replaced byte would make a
// different RoomId than the one sent).

/** Every body this API takes is a few fields; anything bigger is refused before it is read. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * The URL's query against `schema`. A parameter given twice is refused: which of the two was meant
 * is not ours to guess.
 */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const params = new URL(req.url).searchParams;
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in query) throw new DomainError("invalid_query", { reason: "repeated", param: name });
    query[name] = value;
  }
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new DomainError("invalid_query", zodParams(parsed.error));
  return parsed.data;
}

const tooLarge = () => new DomainError("payload_too_large", { maxBytes: MAX_BODY_BYTES });

/** The body's bytes, refusing more than MAX_BODY_BYTES without reading the rest. */
async function readBody(req: Request): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * The JSON body against `schema`. Content-Type must say JSON (a cross-site form or `text/plain`
 * POST cannot), the body must be valid UTF-8 JSON, and its shape is checked: `invalid` words a
 * wrong shape for routes that have a better word for it than `invalid_body`.
 */
export async function parseJsonBody<S extends z.ZodType>(schema: S, req: Request, invalid?: (error: z.ZodError) => DomainError): Promise<z.output<S>> {
  const type = req.headers.get("content-type")?.split(";", 1)[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new DomainError("unsupported_media_type");
  return parseJsonText(schema, req, invalid);
}

/**
 * As parseJsonBody, whatever the Content-Type: for callers that are not browsers and were verified
 * before their body is read (Tencent's callbacks say JSON in their query, not their headers).
 */
export async function parseJsonText<S extends z.ZodType>(schema: S, req: Request, invalid?: (error: z.ZodError) => DomainError): Promise<z.output<S>> {
  const bytes = await readBody(req);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DomainError("invalid_body", { reason: "not_utf8" });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError("invalid_body", { reason: "not_json" });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid ? invalid(parsed.error) : new DomainError("invalid_body", { reason: "shape", param: zodParams(parsed.error).param ?? "body" });
  return parsed.data;
}
