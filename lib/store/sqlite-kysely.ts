import "server-only";
import type Database from "better-sqlite3";
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteDialectConfig, type SqliteStatement } from "kysely";
import { LRUCache } from "lru-cache";

// better-sqlite3 under Kysely, as the project's SQLite databases (history, access) use it.

/**
 * better-sqlite3 for Kysely, each statement prepared once. Kysely's SQLite driver prepares every
 * query it runs, and preparing took longer than running the few indexed reads of a session lookup
 * (bench/README.md). A statement is safe to reuse here: the driver runs one query at a time on its
 * one connection, a stream included. Statements longer than `maxCachedSql` are prepared each time:
 * batch inserts of every length would only crowd out the short queries, unless (as the history
 * store's full chunks do) the same long statement recurs.
 */
export function preparedOnce(sqlite: Database.Database, { maxCachedSql = 2000 } = {}): SqliteDatabase {
  const statements = new LRUCache<string, SqliteStatement>({ max: 200 });
  return {
    prepare(query) {
      if (query.length > maxCachedSql) return sqlite.prepare(query);
      let statement = statements.get(query);
      if (!statement) {
        statement = sqlite.prepare(query);
        statements.set(query, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  };
}

/**
 * Kysely's SQLite dialect with write transactions: BEGIN IMMEDIATE takes the write lock up front,
 * waiting up to the busy timeout for it. A deferred BEGIN that reads first and writes later fails
 * at once with SQLITE_BUSY, without waiting, when another connection wrote in between (WAL).
 */
export class WriteTransactionsDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}
