import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";

// One JSON line per event (pino), info on stdout and warnings and errors on stderr, for whatever
// collects the server's output. Every line written while a request is handled carries its request
// id (lib/api/handler.ts runs each request inside `withRequestContext`), the upstream call lines
// included. Callers pass fields they chose; nothing here serialises whole objects, so a credential
// cannot slip in through an error or a request that happened to be logged, and the redaction below
// is a second line of defence for the names a secret would go by.

type Field = string | number | boolean | null | undefined;

interface RequestContext {
  requestId: string;
}

const context = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `requestId` on every log line it writes, however deep the calls go. */
export function withRequestContext<T>(requestId: string, work: () => T): T {
  return context.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

// Through console rather than straight to the streams: the same bytes, and tests (and anything else
// that watches console) see them. Lines are few: successful lookups are not logged.
const write = (line: string) => (line.startsWith('{"level":"info"') ? console.log : console.error)(line.trimEnd());

const logger = pino(
  {
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    messageKey: "msg",
    mixin: () => {
      const requestId = context.getStore()?.requestId;
      return requestId ? { requestId } : {};
    },
    redact: { paths: ["secretKey", "userSig", "usersig", "password", "authorization", "cookie", "token"], censor: "[redacted]" },
  },
  { write },
);

export const log = {
  info: (msg: string, fields: Record<string, Field> = {}) => logger.info(fields, msg),
  warn: (msg: string, fields: Record<string, Field> = {}) => logger.warn(fields, msg),
  error: (msg: string, fields: Record<string, Field> = {}) => logger.error(fields, msg),
};
