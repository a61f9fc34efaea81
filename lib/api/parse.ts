import "server-only";
import type { z } from "zod";
import { DomainError } from "@/lib/errors/domain-error";
import { zodParams } from "./errors";

// Route input through the contract's zod schemas. A query that breaks a rule is an
// `invalid_query` naming the parameter and the rule (lib/api/errors.ts words it).

/** The URL's query against `schema`; a repeated parameter counts once, as its last value. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw new DomainError("invalid_query", zodParams(parsed.error));
  return parsed.data;
}

/** The JSON body against `schema`; anything else (no body, not JSON, wrong shape) is `invalid`. */
export async function parseJsonBody<S extends z.ZodType>(schema: S, req: Request, invalid: () => DomainError): Promise<z.output<S>> {
  const parsed = schema.safeParse(await req.json().catch(() => undefined));
  if (!parsed.success) throw invalid();
  return parsed.data;
}
