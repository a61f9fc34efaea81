// What only the embedded store has: the SQLite file itself (its format, WAL, refusing other files),
// SQLite's locks and size cap, and a crash. Its behaviour as a store, shared with PostgreSQL, is
// tested in history-store.test.ts.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from "@/lib/store/sqlite-migrations";
import { DEFAULT_FILE_NAME, openSqliteStore, type SqliteStoreOptions } from "@/lib/store/sqlite-store";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { StoreError, type GuardedStore } from "@/lib/store/store";
import { rejection, sample } from "@/lib/testing/history-stores";

let dir: string;
const open: GuardedStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "roomscope-store-"));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** The SQLite store as the console runs it: behind the outage guard, which keeps its health. */
function openStore(options: Partial<SqliteStoreOptions> = {}): GuardedStore {
  const store = withOutageGuard(openSqliteStore({ dataDir: dir, ...options }));
  open.push(store);
  return store;
}

const dbFile = () => join(dir, DEFAULT_FILE_NAME);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(StoreError.is(error)).toBe(true);
    return error as StoreError;
  }
  throw new Error("expected a throw");
}

describe("the database file", () => {
  it("is created with its directory, in WAL mode, at the current schema version", async () => {
    const dataDir = join(dir, "nested", "data");
    const store = withOutageGuard(openSqliteStore({ dataDir }));
    open.push(store);
    await store.addSample("r", sample(1));
    const raw = new Database(join(dataDir, DEFAULT_FILE_NAME), { readonly: true });
    try {
      expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(raw.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
    } finally {
      raw.close();
    }
  });

  it("opens a file an earlier version wrote, migrating it in place and reading what it held", async () => {
    const raw = new Database(dbFile());
    migrate(raw, dbFile(), MIGRATIONS.slice(0, 1));
    raw.prepare("INSERT INTO rooms (id, room_id, status, first_sample_at, last_sample_at, watched_at) VALUES (7, '直播间', 'live', 1000, 2000, 5)").run();
    const insert = raw.prepare("INSERT INTO samples VALUES (7, ?, ?, ?, ?, ?, ?, ?)");
    for (const t of [1000, 2000]) insert.run(t, 1000 + t, 10 * t, 2500 * t, t, 40 * t, 7 * t);
    raw.close();

    const store = openStore();
    expect(await store.samples("直播间")).toEqual([sample(1000), sample(2000)]);
    expect(await store.room("直播间")).toMatchObject({ status: "live", watched: true, firstSampleAt: 1000, lastSampleAt: 2000, lastFailure: null });
    await store.addSample("直播间", sample(3000));
    await store.noteFailure("直播间", { at: 3500, code: "rate_limited", upstreamCode: 60007 });
    expect(await store.room("直播间")).toMatchObject({ lastSampleAt: 3000, lastFailure: { at: 3500, code: "rate_limited" } });
    const check = new Database(dbFile(), { readonly: true });
    try {
      expect(check.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      check.close();
    }
  });

  it("has every acknowledged write on disk before close, as a crash would leave it", async () => {
    const store = openStore();
    await store.addSamples([1, 2, 3].map((t) => ({ roomId: "r", sample: sample(t) })));
    await store.watch("r", 7);
    // The process dying now leaves exactly these files; the page cache outlives the process.
    const crashed = join(dir, "crashed");
    mkdirSync(crashed);
    for (const suffix of ["", "-wal"]) copyFileSync(dbFile() + suffix, join(crashed, DEFAULT_FILE_NAME + suffix));

    const recovered = openStore({ dataDir: crashed });
    expect(await recovered.samples("r")).toEqual([sample(1), sample(2), sample(3)]);
    expect(await recovered.room("r")).toMatchObject({ watched: true, status: "live" });
  });

  it.each([
    ["a page of garbage", Buffer.alloc(4096, 0xa5)],
    ["a single byte", Buffer.from("x")],
    ["a text file", Buffer.from("room,viewers\n1,2\n")],
    ["a SQLite header over garbage", Buffer.concat([Buffer.from("SQLite format 3\0", "latin1"), Buffer.alloc(4080, 0x5a)])],
  ])("refuses %s, naming the file and leaving it untouched", (_name, content) => {
    writeFileSync(dbFile(), content);
    const error = thrown(() => openSqliteStore({ dataDir: dir }));
    expect(error.code).toBe("corrupt");
    expect(error.message).toContain(dbFile());
    expect(readFileSync(dbFile()).equals(content)).toBe(true);
    expect(existsSync(`${dbFile()}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database, leaving it untouched", () => {
    const raw = new Database(dbFile());
    raw.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    raw.close();
    const before = readFileSync(dbFile());
    const error = thrown(() => openSqliteStore({ dataDir: dir }));
    expect(error.code).toBe("corrupt");
    expect(error.message).toContain(dbFile());
    expect(readFileSync(dbFile()).equals(before)).toBe(true);
  });

  it("refuses a database written by a newer schema, leaving it untouched", async () => {
    const store = openSqliteStore({ dataDir: dir });
    await store.addSample("r", sample(1));
    await store.close();
    const raw = new Database(dbFile());
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(dbFile());

    const error = thrown(() => openSqliteStore({ dataDir: dir }));
    expect(error.code).toBe("too_new");
    expect(error.message).toContain(dbFile());
    expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    expect(readFileSync(dbFile()).equals(before)).toBe(true);
  });

  it("rolls back a migration that fails, leaving the previous version", async () => {
    await openStore().close();
    const raw = new Database(dbFile());
    try {
      const broken = [
        ...MIGRATIONS,
        {
          version: SCHEMA_VERSION + 1,
          name: "broken",
          up(db: Database.Database) {
            db.exec("CREATE TABLE half_done (x INTEGER)");
            db.exec("THIS IS NOT SQL");
          },
        },
      ];
      expect(() => migrate(raw, dbFile(), broken)).toThrow();
      expect(raw.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      raw.close();
    }
  });

  it("takes at most 100 bytes per sample", async () => {
    const store = openSqliteStore({ dataDir: dir });
    const rooms = ["直播间-一号", "room-2", "🎤-live", "room-4"];
    const start = Date.UTC(2025, 0, 1);
    const n = 20_000;
    // As the recorder writes: every room once per second, counters climbing at different rates.
    const entries = Array.from({ length: n }, (_, i) => {
      const tick = Math.floor(i / rooms.length);
      const r = i % rooms.length;
      return {
        roomId: rooms[r]!,
        sample: {
          t: start + tick * 1000 + 37 * r,
          stats: {
            totalViewers: 20_000 + tick * 13 + r,
            totalGiftsSent: tick * 3,
            totalGiftCoins: 1_000_000 + tick * 977,
            totalUniqueGiftSenders: 500 + Math.floor(tick / 2),
            totalLikesReceived: 250_000 + tick * 41,
            totalMsgCount: 80_000 + tick * 9,
          },
        },
      };
    });
    for (let i = 0; i < n; i += 50) await store.addSamples(entries.slice(i, i + 50));

    const raw = new Database(dbFile());
    raw.pragma("wal_checkpoint(TRUNCATE)");
    raw.close();
    await store.close();
    expect(existsSync(`${dbFile()}-wal`)).toBe(false);

    const bytesPerSample = statSync(dbFile()).size / n;
    expect(bytesPerSample).toBeLessThanOrEqual(100);
  });
});

describe("failures at write time", () => {
  it("rejects with busy while another connection holds the write lock, and loses nothing", async () => {
    const store = openStore({ busyTimeoutMs: 50 });
    await store.addSample("r", sample(1));

    const other = new Database(dbFile());
    try {
      other.exec("BEGIN IMMEDIATE");
      const error = await rejection(store.addSample("r", sample(2)));
      expect(error.code).toBe("busy");
      expect(error.message).toMatch(/locked/);
      expect((await rejection(store.watch("r", 5))).code).toBe("busy");
      expect(store.health()).toMatchObject({ ok: false, lastError: { code: "busy" } });
      expect(store.health().lastErrorAt).toEqual(expect.any(Number));
      // WAL: readers are not blocked by the writer.
      expect(await store.samples("r")).toEqual([sample(1)]);
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }

    // Writes pause for a second after finding the lock, then go through again.
    await sleep(1100);
    await store.addSample("r", sample(2));
    expect(await store.samples("r")).toEqual([sample(1), sample(2)]);
    expect(store.health()).toMatchObject({ ok: true, lastError: { code: "busy" } });
  });

  it("fails writes at once while the lock lasts, instead of each one waiting the busy timeout", async () => {
    // better-sqlite3 waits synchronously: 20 writes waiting 200 ms each would stop the server for 4 s.
    const store = openStore({ busyTimeoutMs: 200 });
    const other = new Database(dbFile());
    try {
      other.exec("BEGIN IMMEDIATE");
      const started = performance.now();
      for (let t = 1; t <= 20; t++) expect((await rejection(store.addSample("r", sample(t)))).code).toBe("busy");
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  });

  it("rejects with full when there is no room left, and keeps what it acknowledged", async () => {
    const store = openStore({ maxBytes: 64 * 1024 });
    const acknowledged: number[] = [];
    let error: StoreError | undefined;
    for (let t = 0; t < 100_000 && !error; t += 1) {
      try {
        await store.addSample("r", sample(t, t * 1_000_003));
        acknowledged.push(t);
      } catch (e) {
        error = e as StoreError;
      }
    }
    expect(error?.code).toBe("full");
    expect(store.health()).toMatchObject({ ok: false, lastError: { code: "full" } });
    expect(acknowledged.length).toBeGreaterThan(100);
    await store.close();

    const reopened = openStore();
    expect((await reopened.samples("r")).map((s) => s.t)).toEqual(acknowledged);
  });
});

describe("a crash", () => {
  it("keeps every sample acknowledged before the process was killed with SIGKILL", async () => {
    // A real process, killed without warning mid-stream: no close(), no checkpoint, no exit handler.
    const { spawn } = await import("node:child_process");
    const root = join(import.meta.dirname, "..", "..");
    // tsx as a loader in this one process (its CLI would put the writer in a child the kill misses).
    const writer = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", join(root, "lib", "testing", "store-writer.ts"), dir], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    // A test that fails or times out must not leave the writer running.
    onTestFinished(() => void writer.kill("SIGKILL"));
    let acked = 0;
    let buffered = "";
    await new Promise<void>((resolve, reject) => {
      writer.once("exit", (code) => reject(new Error(`the writer exited on its own (${code})`)));
      writer.stdout!.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        for (const line of lines) acked = Math.max(acked, Number(line.slice("acked ".length)));
        if (acked >= 2000) {
          writer.kill("SIGKILL");
          resolve();
        }
      });
    });
    await new Promise((r) => writer.once("exit", r));
    expect(writer.signalCode).toBe("SIGKILL");

    // Reopening recovers from the WAL the writer left behind.
    const recovered = openStore();
    const seen = new Set<number>();
    for (const room of ["room-0", "room-1", "room-2"]) {
      const samples = await recovered.samples(room);
      for (const s of samples) {
        expect(s.stats.totalMsgCount).toBe(s.t * 7);
        seen.add(s.t);
      }
    }
    for (let t = 1; t <= acked; t++) if (!seen.has(t)) throw new Error(`acknowledged sample ${t} was lost`);
    expect((await recovered.watchlist()).length).toBeGreaterThan(0);
    await recovered.close();
    const check = new Database(dbFile(), { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      check.close();
    }
    // A child process compiling its TypeScript and writing 2,000 samples: seconds on a quiet
    // machine, past 30 s on a busy shared one.
  }, 120_000);
});
