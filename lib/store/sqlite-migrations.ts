import "server-only";
import type Database from "better-sqlite3";
import { StoreError } from "@/lib/store/store";

// The embedded database's schema, one numbered step at a time. `PRAGMA user_version` holds the number
// of steps applied; it lives in the file header and changes in the same transaction as the step, so a
// crash mid-migration leaves the previous version intact. Never edit a released step: append one.

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** "RMSC": marks the file as Roomscope's, so another program's SQLite file is not migrated over. */
export const APPLICATION_ID = 0x524d5343;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "rooms and samples",
    up(db) {
      // Samples refer to rooms by a small integer, and the six counters are plain INTEGER columns that
      // SQLite stores as varints: a sample costs about 40 bytes on disk where the RoomId text alone
      // could take 48. WITHOUT ROWID keeps each sample in the primary-key B-tree only.
      db.exec(`
        CREATE TABLE rooms (
          id              INTEGER PRIMARY KEY,
          room_id         TEXT NOT NULL UNIQUE,
          status          TEXT NOT NULL DEFAULT 'unknown' CHECK (status IN ('live', 'ended', 'unknown')),
          first_sample_at INTEGER,
          last_sample_at  INTEGER,
          ended_at        INTEGER,
          last_viewed_at  INTEGER,
          watched_at      INTEGER
        ) STRICT;
        CREATE INDEX rooms_watched ON rooms (watched_at) WHERE watched_at IS NOT NULL;
        CREATE INDEX rooms_viewed ON rooms (last_viewed_at) WHERE last_viewed_at IS NOT NULL;

        CREATE TABLE samples (
          room          INTEGER NOT NULL, -- rooms.id
          t             INTEGER NOT NULL, -- epoch ms
          viewers       INTEGER NOT NULL,
          gifts_sent    INTEGER NOT NULL,
          gift_coins    INTEGER NOT NULL,
          gift_senders  INTEGER NOT NULL,
          likes         INTEGER NOT NULL,
          messages      INTEGER NOT NULL,
          PRIMARY KEY (room, t)
        ) STRICT, WITHOUT ROWID;
      `);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
  {
    version: 2,
    name: "recording failures",
    up(db) {
      // The latest failed recording attempt of a room, so that every instance (and a restarted one)
      // shows why a room is failing, not only the process that tried.
      db.exec(`
        ALTER TABLE rooms ADD COLUMN last_failure_at INTEGER;
        ALTER TABLE rooms ADD COLUMN last_failure_code TEXT;
        ALTER TABLE rooms ADD COLUMN last_failure_upstream_code INTEGER;
      `);
    },
  },
  {
    version: 3,
    name: "room callbacks",
    up(db) {
      // Tencent's room callbacks: a room announced by its create callback is recorded until it ends
      // (RECORD_ALL_ROOMS), and each delivery's key is kept so that a repeated one changes nothing,
      // on any instance and after a restart.
      db.exec(`
        ALTER TABLE rooms ADD COLUMN announced_at INTEGER;
        CREATE INDEX rooms_announced ON rooms (announced_at) WHERE announced_at IS NOT NULL;
        CREATE TABLE callback_deliveries (
          delivery    TEXT PRIMARY KEY,
          received_at INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
      `);
    },
  },
  {
    version: 4,
    name: "room creation time",
    up(db) {
      // get_room_info's CreateTime, kept once fetched: Tencent forgets an ended room, and its
      // report still measures the stream from its start.
      db.exec("ALTER TABLE rooms ADD COLUMN created_at INTEGER;");
    },
  },
  {
    version: 5,
    name: "alerts",
    up(db) {
      // Alert rules and channels are kept as their validated JSON (lib/contract/alerts), read back
      // through the same schema; states, history, silences and the outbox are columns, queried.
      // The outbox's idempotency key is unique: one message per rule, room, state change and channel.
      db.exec(`
        CREATE TABLE alert_rules (
          id         TEXT PRIMARY KEY,
          definition TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE alert_channels (
          id         TEXT PRIMARY KEY,
          definition TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE alert_states (
          rule_id      TEXT NOT NULL,
          room_id      TEXT NOT NULL,
          state        TEXT NOT NULL,
          since        INTEGER NOT NULL,
          breach_since INTEGER,
          value        REAL,
          PRIMARY KEY (rule_id, room_id)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE alert_events (
          id         INTEGER PRIMARY KEY,
          rule_id    TEXT NOT NULL,
          room_id    TEXT NOT NULL,
          from_state TEXT NOT NULL,
          to_state   TEXT NOT NULL,
          at         INTEGER NOT NULL,
          value      REAL,
          silenced   INTEGER NOT NULL,
          UNIQUE (rule_id, room_id, at, to_state)
        ) STRICT;
        CREATE INDEX alert_events_at ON alert_events (at);
        CREATE TABLE alert_silences (
          id         TEXT PRIMARY KEY,
          room_id    TEXT NOT NULL,
          rule_id    TEXT,
          starts_at  INTEGER NOT NULL,
          ends_at    INTEGER NOT NULL,
          comment    TEXT NOT NULL,
          created_by TEXT,
          created_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX alert_silences_ends ON alert_silences (ends_at);
        CREATE TABLE alert_outbox (
          id              INTEGER PRIMARY KEY,
          idempotency_key TEXT NOT NULL UNIQUE,
          event_id        INTEGER NOT NULL,
          channel_id      TEXT NOT NULL,
          status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
          attempts        INTEGER NOT NULL,
          next_attempt_at INTEGER NOT NULL,
          last_error      TEXT,
          sent_at         INTEGER,
          created_at      INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE status = 'pending';
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Refuses a file this build must not touch: written by a newer schema, or another program's.
 * Reads only, so it can run before anything (even the journal mode) is written.
 */
export function checkCompatible(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): void {
  const version = schemaVersion(db);
  const latest = migrations.length;
  if (version > latest) {
    throw new StoreError(
      "too_new",
      `The history database ${file} was written by a newer Roomscope (schema version ${version}; this build knows up to ${latest}). ` +
        "Run the newer version, or point DATA_DIR at another directory. The file was left untouched.",
    );
  }
  const applicationId = db.pragma("application_id", { simple: true }) as number;
  const foreign =
    applicationId !== 0
      ? applicationId !== APPLICATION_ID
      : version === 0 && (db.prepare("SELECT count(*) FROM sqlite_schema").pluck().get() as number) > 0;
  if (foreign) {
    throw new StoreError(
      "corrupt",
      `${file} is a SQLite database, but not Roomscope's history. Point DATA_DIR at another directory; the file was left untouched.`,
    );
  }
}

/** Applies the missing steps in one IMMEDIATE transaction; returns the versions before and after. */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const run = db.transaction(() => {
    // Read again under the write lock: another process may have migrated since checkCompatible.
    checkCompatible(db, file, migrations);
    const from = schemaVersion(db);
    for (const migration of migrations.slice(from)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
    return { from, to: migrations.length };
  });
  return run.immediate();
}
