import "server-only";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { log } from "@/lib/log";
import { createHistoryStore, type HistoryTables } from "@/lib/store/history-store";
import { migratePostgres } from "@/lib/store/postgres-migrations";
import { StoreError, type HistoryStore, type StoreErrorCode } from "@/lib/store/store";

// The history store on a shared PostgreSQL (DATABASE_URL), for several instances at once. This
// module opens the pool, migrates the schema (postgres-migrations.ts) and names PostgreSQL's
// failures with the store's codes; the queries are history-store.ts's, shared with SQLite.

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database; never written to a log or an error. */
  url: string;
  /** A schema of the store's own, created when missing; by default the connection's search_path decides. */
  schema?: string;
  /** Connections in the pool. Default 10. */
  maxConnections?: number;
  /** How long a statement waits for another transaction's lock before rejecting with "busy". Default 2000. */
  lockTimeoutMs?: number;
  /** How long getting a connection may take before rejecting with "io". Default 5000. */
  connectTimeoutMs?: number;
}

export interface PostgresHistoryStore extends HistoryStore {
  /**
   * Settles once the schema is migrated; rejects with "too_new" for a newer build's schema, "io" for
   * a server that cannot be reached. Start-up awaits it; until then every operation waits for it.
   */
  readonly ready: Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const INT8_OID = 20;

export function openPostgresStore(options: PostgresStoreOptions): PostgresHistoryStore {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError("invalid", "A history schema name is lower-case letters, digits and underscores, at most 63, not starting with a digit.");
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    lock_timeout: options.lockTimeoutMs ?? 2000,
    application_name: "roomscope",
    // Epoch ms and counters are BIGINT, which pg hands over as strings; every value the store writes
    // is a safe integer, so reading them as numbers is exact.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID && format !== "binary" ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped (a restart, a failover) is reported here, not to a caller;
  // without a listener it would end the process. The pool replaces it on the next checkout.
  pool.on("error", (error) => log.warn("history database connection lost", { error: toPostgresStoreError(error).message }));
  // A connection checked out for a transaction has no listener between its statements (the pool
  // removes its own, Kysely adds none): one dropped then would also end the process. The next
  // statement on it fails, as "io", and the pool discards it on release.
  pool.on("connect", (client) => client.on("error", () => undefined));

  const root = new Kysely<HistoryTables>({ dialect: new PostgresDialect({ pool }) });
  const ready = migratePostgres(root as Kysely<unknown>, schema).then(
    () => undefined,
    (error: unknown) => {
      throw toPostgresStoreError(error);
    },
  );
  // Start-up awaits it and stops on failure; operations fail with it. Not an unhandled rejection here.
  ready.catch(() => undefined);
  const store = createHistoryStore({
    db: schema === undefined ? root : root.withSchema(schema),
    toStoreError: toPostgresStoreError,
    ready,
  });
  return Object.assign(store, { ready });
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
/** The pool's and client's own errors, which carry no code. */
const CONNECTION_LOST = /Connection terminated|timeout exceeded when trying to connect|not queryable|connection has been discarded/i;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  // Connecting to a name with several addresses fails with every attempt's error.
  if (error instanceof AggregateError) return codeOf(error.errors[0]);
  return "";
}

/** Maps pg's and Node's errors onto the store's codes, by SQLSTATE where the server answered. */
export function toPostgresStoreError(error: unknown): StoreError {
  if (StoreError.is(error)) return error;
  const code = codeOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  const sqlState = /^[0-9A-Z]{5}$/.test(code) ? code : "";
  let mapped: [StoreErrorCode, string];
  if (code === "53100") {
    mapped = ["full", "The disk holding the history database is full; nothing was written."];
  } else if (code === "25006") {
    mapped = ["read_only", "The history database is read-only (a standby, or read-only transactions by default); nothing was written."];
  } else if (code === "55P03" || code === "40P01" || code === "40001" || code === "57014") {
    // Lock timeout, deadlock, serialization failure, statement timeout: another transaction was in the way.
    mapped = ["busy", `The history database is locked by another transaction (${code}); nothing was written.`];
  } else if (code === "XX001" || code === "XX002") {
    mapped = ["corrupt", `The history database is damaged (${code}: ${detail}).`];
  } else if (sqlState.startsWith("28") || sqlState === "3D000") {
    // Refused credentials, or no such database: configuration, which does not pass by itself.
    mapped = ["io", `The history database refused the connection (${code}: ${detail}).`];
  } else if (
    sqlState.startsWith("08") ||
    ["57P01", "57P02", "57P03", "53300"].includes(sqlState) ||
    NETWORK_CODES.has(code) ||
    (!sqlState && CONNECTION_LOST.test(detail))
  ) {
    mapped = ["unreachable", `The history database cannot be reached (${code || "connection"}: ${detail}).`];
  } else {
    mapped = ["internal", `The history database failed (${code || "unknown error"}: ${detail}).`];
  }
  return new StoreError(mapped[0], mapped[1], { cause: error });
}
