// What only the PostgreSQL store has: migrations at start-up (several instances at once, a newer
// schema refused), PostgreSQL's locks and read-only servers, and connections that fail. Its
// behaviour as a store, shared with SQLite, is tested in history-store.test.ts.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { toApiFailure } from "@/lib/api/errors";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, migratePostgres } from "@/lib/store/postgres-migrations";
import { openPostgresStore, toPostgresStoreError, type PostgresStoreOptions } from "@/lib/store/postgres-store";
import type { HistoryStore } from "@/lib/store/store";
import { postgresPlace, rejection, sample, testSchema } from "@/lib/testing/history-stores";
import { adminQuery, DATABASE_TEST_URL } from "@/lib/testing/postgres";
import { tcpLink } from "@/lib/testing/tcp-link";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A schema of the test's own, dropped afterwards. */
function newSchema(): string {
  const schema = testSchema();
  cleanups.push(() => adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  return schema;
}

function openStore(options: Partial<PostgresStoreOptions> & { schema: string }) {
  const store = openPostgresStore({ url: DATABASE_TEST_URL, ...options });
  cleanups.push(() => store.close());
  return store;
}

async function versions(schema: string): Promise<number[]> {
  const rows = await adminQuery<{ version: number }>(`SELECT version FROM "${schema}".history_migration ORDER BY version`);
  return rows.map((row) => row.version);
}

describe("migrations", () => {
  it("create the schema and its tables at start-up, at the current version", async () => {
    const schema = newSchema();
    const store = openStore({ schema });
    await store.ready;
    expect(await versions(schema)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    const tables = await adminQuery<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      "alert_channels",
      "alert_events",
      "alert_outbox",
      "alert_rules",
      "alert_silences",
      "alert_states",
      "callback_deliveries",
      "history_migration",
      "rooms",
      "samples",
    ]);
    const key = await adminQuery<{ columns: string }>(
      `SELECT pg_get_indexdef(indexrelid) AS columns FROM pg_index WHERE indrelid = '"${schema}".samples'::regclass AND indisprimary`,
    );
    expect(key[0]?.columns).toMatch(/\(room, t\)/);
  });

  it("run once when several instances start at the same moment", async () => {
    const schema = newSchema();
    const stores = Array.from({ length: 4 }, () => openStore({ schema }));
    await Promise.all(stores.map((store) => store.ready));
    expect(await versions(schema)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    await Promise.all(stores.map((store, i) => store.addSample("shared", sample(i + 1))));
    expect((await stores[0]!.samples("shared")).map((s) => s.t)).toEqual([1, 2, 3, 4]);
  });

  it("refuse a schema written by a newer build, leaving it untouched", async () => {
    const schema = newSchema();
    const first = openStore({ schema });
    await first.addSample("r", sample(1));
    await first.close();
    await adminQuery(`INSERT INTO "${schema}".history_migration (version, name, applied_at) VALUES ($1, 'from the future', 0)`, [
      POSTGRES_SCHEMA_VERSION + 1,
    ]);

    const newer = openStore({ schema });
    const error = await rejection(newer.ready);
    expect(error.code).toBe("too_new");
    expect(error.message).toContain(`schema version ${POSTGRES_SCHEMA_VERSION + 1}`);
    expect(error.message).toContain(schema);
    expect((await rejection(newer.samples("r"))).code).toBe("too_new");
    expect((await rejection(newer.addSample("r", sample(2)))).code).toBe("too_new");
    expect(await adminQuery(`SELECT t FROM "${schema}".samples`)).toEqual([{ t: "1" }]);
  });

  it("roll back a step that fails, leaving the previous version", async () => {
    const schema = newSchema();
    await openStore({ schema }).ready;
    const pool = new pg.Pool({ connectionString: DATABASE_TEST_URL });
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    cleanups.push(() => db.destroy());
    const broken = [...POSTGRES_MIGRATIONS, { version: POSTGRES_SCHEMA_VERSION + 1, name: "broken", statements: ["CREATE TABLE half_done (x int)", "THIS IS NOT SQL"] }];
    await expect(migratePostgres(db, schema, broken)).rejects.toThrow();
    expect(await versions(schema)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
    expect(await adminQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'half_done'", [schema])).toEqual([]);
  });

  it("refuse tables of the same names that are not Roomscope's", async () => {
    const schema = newSchema();
    await adminQuery(`CREATE SCHEMA "${schema}"`);
    await adminQuery(`CREATE TABLE "${schema}".rooms (id serial PRIMARY KEY, capacity int)`);
    const error = await rejection(openStore({ schema }).ready);
    expect(error.code).toBe("corrupt");
    expect(error.message).toContain("rooms");
    expect(await adminQuery("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'history_migration'", [schema])).toEqual([]);
  });

  it("refuse a schema name that would need quoting", () => {
    expect(() => openPostgresStore({ url: DATABASE_TEST_URL, schema: 'x"; DROP TABLE y; --' })).toThrow(/schema name/);
  });
});

describe("failures", () => {
  it("rejects with busy while another transaction holds the room's row longer than the lock timeout, and loses nothing", async () => {
    const place = postgresPlace({ lockTimeoutMs: 100 });
    cleanups.push(() => place.remove());
    const raw: HistoryStore = await place.open();
    cleanups.push(() => raw.close());
    const store = withOutageGuard(raw);
    await store.addSample("r", sample(1));

    const other = new pg.Client({ connectionString: DATABASE_TEST_URL });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT * FROM "${place.schema}".rooms WHERE room_id = 'r' FOR UPDATE`);
      const error = await rejection(store.addSample("r", sample(2)));
      expect(error.code).toBe("busy");
      expect(store.health()).toMatchObject({ ok: false, lastError: { code: "busy" } });
      expect(toApiFailure(error)).toMatchObject({ status: 503, code: "storage_unavailable" });
      // Readers are not blocked by the lock.
      expect(await store.samples("r")).toEqual([sample(1)]);
      await other.query("ROLLBACK");
    } finally {
      await other.end();
    }

    await sleep(1100);
    await store.addSample("r", sample(2));
    expect(await store.samples("r")).toEqual([sample(1), sample(2)]);
    expect(store.health()).toMatchObject({ ok: true, lastError: { code: "busy" } });
  });

  it("reads from a read-only server and rejects writes with read_only", async () => {
    const schema = newSchema();
    const writer = openStore({ schema });
    await writer.addSample("r", sample(1));
    const url = new URL(DATABASE_TEST_URL);
    url.searchParams.set("options", "-c default_transaction_read_only=on");
    const reader = withOutageGuard(openStore({ schema, url: url.href }));
    expect(await reader.samples("r")).toEqual([sample(1)]);
    expect((await rejection(reader.addSample("r", sample(2)))).code).toBe("read_only");
    expect((await rejection(reader.watch("r", 5))).code).toBe("read_only");
    expect(reader.health()).toMatchObject({ ok: false, lastError: { code: "read_only" } });
  });

  it("rejects with unreachable when the server cannot be reached, at start-up and after", async () => {
    const store = openPostgresStore({ url: "postgres://postgres@127.0.0.1:1/test", schema: testSchema(), connectTimeoutMs: 1000 });
    cleanups.push(() => store.close());
    const error = await rejection(store.ready);
    expect(error.code).toBe("unreachable");
    expect((await rejection(store.room("r"))).code).toBe("unreachable");
  });

  it("fails with unreachable while the connection is cut, and recovers on the pool's next connection, writing what it held", async () => {
    const url = new URL(DATABASE_TEST_URL);
    const link = await tcpLink(url.hostname, Number(url.port || 5432), "postgres");
    cleanups.push(() => link.close());
    url.port = String(link.port);
    const store = withOutageGuard(openStore({ schema: newSchema(), url: url.href, connectTimeoutMs: 1000 }));
    await store.addSample("r", sample(1));

    link.cut();
    expect((await rejection(store.addSample("r", sample(2)))).code).toBe("unreachable");
    expect(store.health()).toMatchObject({ ok: false, lastError: { code: "unreachable" } });

    link.restore();
    await store.addSample("r", sample(3));
    // Sample 2 was held by the outage guard and written once the database took writes again.
    await vi.waitFor(async () => expect((await store.samples("r")).map((s) => s.t)).toEqual([1, 2, 3]));
    expect(store.health().ok).toBe(true);
  });

  it("names PostgreSQL's failures with the store's codes", () => {
    const pgError = (code: string) => Object.assign(new Error(`postgres said ${code}`), { code });
    const cases: [string, string][] = [
      ["53100", "full"],
      ["25006", "read_only"],
      ["55P03", "busy"],
      ["40P01", "busy"],
      ["XX001", "corrupt"],
      ["57P01", "unreachable"],
      ["08006", "unreachable"],
      ["28P01", "io"],
      ["3D000", "io"],
      ["ECONNREFUSED", "unreachable"],
      ["42P01", "internal"],
    ];
    for (const [code, expected] of cases) expect(toPostgresStoreError(pgError(code)).code, code).toBe(expected);
    expect(toPostgresStoreError(new Error("Connection terminated unexpectedly")).code).toBe("unreachable");
    expect(toPostgresStoreError(new AggregateError([pgError("ECONNREFUSED")])).code).toBe("unreachable");
    // Each passes by itself: the API says so with 503 and Retry-After. Refused credentials do not.
    for (const code of ["53100", "25006", "55P03", "08006"]) {
      expect(toApiFailure(toPostgresStoreError(pgError(code))), code).toMatchObject({ status: 503, code: "storage_unavailable" });
    }
    expect(toApiFailure(toPostgresStoreError(pgError("28P01")))).toMatchObject({ status: 500, code: "internal_error" });
  });
});
