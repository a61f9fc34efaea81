import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { RoomStats } from "@/lib/contract/stats";
import { openPostgresStore, type PostgresStoreOptions } from "@/lib/store/postgres-store";
import { openSqliteStore, type SqliteStoreOptions } from "@/lib/store/sqlite-store";
import { StoreError, type HistoryStore, type Sample } from "@/lib/store/store";
import { adminQuery, DATABASE_TEST_URL } from "./postgres";

// The history store's tests run against both databases: a SQLite file in a temporary directory, and
// the real PostgreSQL (DATABASE_TEST_URL, else the one on this machine) in a schema of the test's
// own, dropped afterwards.

/** Where a test's stores live: every store opened there sees the same data. */
export interface StorePlace {
  open(): Promise<HistoryStore>;
  remove(): Promise<void>;
}

export interface StoreBackend {
  name: "SQLite" | "PostgreSQL";
  /** A new, empty place. */
  place(): StorePlace;
}

export function sqlitePlace(options: Partial<SqliteStoreOptions> = {}): StorePlace & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "roomscope-store-"));
  return {
    dir,
    open: async () => openSqliteStore({ dataDir: dir, ...options }),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function testSchema(): string {
  return `roomscope_test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

export function postgresPlace(options: Partial<PostgresStoreOptions> = {}): StorePlace & { schema: string } {
  const schema = testSchema();
  return {
    schema,
    async open() {
      const store = openPostgresStore({ url: DATABASE_TEST_URL, schema, ...options });
      await store.ready.catch(async (error: unknown) => {
        await store.close();
        throw error;
      });
      return store;
    },
    remove: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
}

export const STORE_BACKENDS: readonly StoreBackend[] = [
  { name: "SQLite", place: () => sqlitePlace() },
  { name: "PostgreSQL", place: () => postgresPlace() },
];

export function stats(n: number): RoomStats {
  return {
    totalViewers: 1000 + n,
    totalGiftsSent: 10 * n,
    totalGiftCoins: 2500 * n,
    totalUniqueGiftSenders: n,
    totalLikesReceived: 40 * n,
    totalMsgCount: 7 * n,
  };
}

export const sample = (t: number, n = t): Sample => ({ t, stats: stats(n) });

/** The StoreError a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(StoreError.is(error)).toBe(true);
  return error as StoreError;
}
