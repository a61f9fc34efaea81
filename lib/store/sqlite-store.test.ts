import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RoomStats } from "@/lib/contract/stats";
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate } from "@/lib/store/migrations";
import { DEFAULT_FILE_NAME, openSqliteStore, type SqliteStoreOptions } from "@/lib/store/sqlite-store";
import { withOutageGuard } from "@/lib/store/outage-guard";
import { StoreError, type GuardedStore, type Sample } from "@/lib/store/store";

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

function stats(n: number): RoomStats {
  return {
    totalViewers: 1000 + n,
    totalGiftsSent: 10 * n,
    totalGiftCoins: 2500 * n,
    totalUniqueGiftSenders: n,
    totalLikesReceived: 40 * n,
    totalMsgCount: 7 * n,
  };
}

const sample = (t: number, n = t): Sample => ({ t, stats: stats(n) });

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
  expect(StoreError.is(error)).toBe(true);
  return error as StoreError;
}

function thrown(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(StoreError.is(error)).toBe(true);
    return error as StoreError;
  }
  throw new Error("expected a throw");
}

describe("samples", () => {
  it("round-trips samples sorted by t, filters by an inclusive range, and ignores a second sample at the same t", async () => {
    const store = openStore();
    for (const t of [3000, 1000, 5000, 2000, 4000]) await store.addSample("room-a", sample(t));
    await store.addSample("room-a", { t: 3000, stats: stats(999) });
    await store.addSample("room-b", sample(2500));

    const all = await store.samples("room-a");
    expect(all.map((s) => s.t)).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(all[2]).toEqual(sample(3000));
    expect((await store.samples("room-a", { from: 2000, to: 4000 })).map((s) => s.t)).toEqual([2000, 3000, 4000]);
    expect((await store.samples("room-a", { from: 4500 })).map((s) => s.t)).toEqual([5000]);
    expect((await store.samples("room-a", { to: 1000 })).map((s) => s.t)).toEqual([1000]);
    expect(await store.samples("nobody")).toEqual([]);
    expect(await store.room("room-a")).toMatchObject({ status: "live", firstSampleAt: 1000, lastSampleAt: 5000 });
  });

  it("holds RoomIds of up to 48 bytes of any script and refuses longer ones", async () => {
    const store = openStore();
    const tooLong = "直播间".repeat(5) + "🎉"; // 45 + 4 = 49 bytes
    const ids = ["房间-1", "🎤🎤🎤", "直播间".repeat(5) + "abc", "a".repeat(48)];
    expect(new TextEncoder().encode(ids[2]).length).toBe(48);
    for (const [i, id] of ids.entries()) await store.addSample(id, sample(1000 + i));
    for (const [i, id] of ids.entries()) expect(await store.samples(id)).toEqual([sample(1000 + i)]);

    expect((await rejection(store.addSample(tooLong, sample(1)))).code).toBe("invalid");
    expect((await rejection(store.addSample("", sample(1)))).code).toBe("invalid");
    expect(await store.room(tooLong)).toBeNull();
  });

  it("refuses counters the columns cannot hold exactly, without counting it as a storage failure", async () => {
    const store = openStore();
    const bad = [{ ...stats(1), totalViewers: 1.5 }, { ...stats(1), totalLikesReceived: -1 }, { ...stats(1), totalMsgCount: Number.NaN }];
    for (const s of bad) expect((await rejection(store.addSample("r", { t: 1, stats: s }))).code).toBe("invalid");
    expect((await rejection(store.addSample("r", { t: 1.5, stats: stats(1) }))).code).toBe("invalid");
    expect(await store.samples("r")).toEqual([]);
    expect(store.health().ok).toBe(true);
  });

  it("adds a batch in one transaction and counts only the new samples", async () => {
    const store = openStore();
    await store.addSample("a", sample(1));
    const added = await store.addSamples([
      { roomId: "a", sample: sample(1) },
      { roomId: "a", sample: sample(2) },
      { roomId: "b", sample: sample(2) },
    ]);
    expect(added).toBe(2);
    // One bad entry refuses the whole batch.
    await rejection(store.addSamples([{ roomId: "c", sample: sample(3) }, { roomId: "x".repeat(49), sample: sample(3) }]));
    expect(await store.room("c")).toBeNull();
  });

  it("returns the newest sample of each of 50 rooms in one call", async () => {
    const store = openStore();
    const ids = Array.from({ length: 60 }, (_, i) => `room-${i}`);
    await store.addSamples(ids.flatMap((roomId, i) => [1, 2, 3].map((k) => ({ roomId, sample: sample(k * 1000 + i) }))));
    await store.markViewed("viewed-only", 1);

    const page = [...ids.slice(0, 50), "room-0", "viewed-only", "never-seen"];
    const latest = await store.latestSamples(page);
    expect(latest.size).toBe(50);
    expect(latest.get("room-7")).toEqual(sample(3007));
    expect(latest.has("room-55")).toBe(false);
    expect(latest.has("viewed-only")).toBe(false);
    expect(await store.latestSamples([])).toEqual(new Map());
  });
});

describe("rooms", () => {
  it("moves through unknown, live, ended and back as samples, 100004s and views arrive", async () => {
    const store = openStore();
    await store.markViewed("r", 100);
    expect(await store.room("r")).toMatchObject({ status: "unknown", lastViewedAt: 100, firstSampleAt: null, endedAt: null });

    await store.addSample("r", sample(1000));
    await store.addSample("r", sample(2000));
    expect(await store.room("r")).toMatchObject({ status: "live", lastSampleAt: 2000 });

    await store.markEnded("r", 2000);
    expect(await store.room("r")).toMatchObject({ status: "ended", endedAt: 2000 });

    // Looked up again: tried again, and the end it had is still on record.
    await store.markViewed("r", 3000);
    expect(await store.room("r")).toMatchObject({ status: "unknown", endedAt: 2000, lastViewedAt: 3000 });
    // An older view does not move lastViewedAt back.
    await store.markViewed("r", 50);
    expect((await store.room("r"))?.lastViewedAt).toBe(3000);

    // A late write from before the end says nothing about now.
    await store.addSample("r", sample(1500));
    expect(await store.room("r")).toMatchObject({ status: "unknown", endedAt: 2000 });

    await store.addSample("r", sample(4000));
    expect(await store.room("r")).toMatchObject({ status: "live", endedAt: null, firstSampleAt: 1000, lastSampleAt: 4000 });
  });

  it("marks a room it never saw as ended", async () => {
    const store = openStore();
    await store.markEnded("gone", 10);
    expect(await store.room("gone")).toEqual({
      roomId: "gone",
      status: "ended",
      firstSampleAt: null,
      lastSampleAt: null,
      endedAt: 10,
      lastViewedAt: null,
      watched: false,
      watchedAt: null,
      lastFailure: null,
    });
  });

  it("keeps a room's latest failed recording attempt, which a late older one does not replace", async () => {
    const store = openStore();
    await store.noteFailure("r", { at: 20, code: "upstream_timeout", upstreamCode: null });
    await store.noteFailure("r", { at: 10, code: "misconfigured", upstreamCode: 70001 });
    expect((await store.room("r"))?.lastFailure).toEqual({ at: 20, code: "upstream_timeout", upstreamCode: null });
    await store.noteFailure("r", { at: 30, code: "rate_limited", upstreamCode: 60007 });
    await store.addSample("r", sample(40));
    // Kept after a success: whoever reads it compares its time with the latest sample's.
    expect((await store.room("r"))?.lastFailure).toEqual({ at: 30, code: "rate_limited", upstreamCode: 60007 });
  });

  it("watches and unwatches idempotently", async () => {
    const store = openStore();
    await store.watch("b", 200);
    await store.watch("a", 100);
    await store.watch("b", 300);
    expect((await store.watchlist()).map((r) => [r.roomId, r.watchedAt])).toEqual([
      ["a", 100],
      ["b", 200],
    ]);

    await store.unwatch("a");
    await store.unwatch("a");
    await store.unwatch("never-watched");
    expect((await store.watchlist()).map((r) => r.roomId)).toEqual(["b"]);
    expect(await store.room("a")).toMatchObject({ watched: false, watchedAt: null });
    expect(await store.room("b")).toMatchObject({ watched: true, watchedAt: 200 });
    expect(await store.room("never-watched")).toBeNull();
  });

  it("records watched rooms and recently viewed ones, but not ended ones until they are viewed again", async () => {
    const store = openStore();
    await store.watch("watched", 0);
    await store.markViewed("viewed-recently", 5000);
    await store.markViewed("viewed-long-ago", 100);
    await store.watch("watched-ended", 0);
    await store.markEnded("watched-ended", 900);
    await store.markViewed("viewed-ended", 5000);
    await store.markEnded("viewed-ended", 5100);
    await store.addSample("sampled-only", sample(5000));

    expect(await store.roomsToRecord(1000)).toEqual(["viewed-recently", "watched"]);

    await store.markViewed("viewed-ended", 6000);
    await store.markViewed("watched-ended", 6000);
    expect(await store.roomsToRecord(1000)).toEqual(["viewed-ended", "viewed-recently", "watched", "watched-ended"]);
    expect(await store.roomsToRecord(5500)).toEqual(["viewed-ended", "watched", "watched-ended"]);
  });
});

describe("prune", () => {
  it("deletes samples older than the cut-off in batches, moves the bounds and forgets empty rooms", async () => {
    const store = openStore();
    const big = Array.from({ length: 12_000 }, (_, i) => ({ roomId: "big", sample: sample(i) }));
    await store.addSamples(big);
    await store.addSamples([100, 20_000].map((t) => ({ roomId: "small", sample: sample(t) })));
    await store.addSample("old-watched", sample(5));
    await store.watch("old-watched", 1);
    await store.addSample("old-unwatched", sample(5));
    await store.markViewed("viewed-recently", 15_000);
    await store.markViewed("viewed-long-ago", 1);

    expect(await store.prune(11_000)).toBe(11_000 + 1 + 1 + 1);

    expect((await store.samples("big")).map((s) => s.t)).toEqual(Array.from({ length: 1000 }, (_, i) => 11_000 + i));
    expect(await store.room("big")).toMatchObject({ firstSampleAt: 11_000, lastSampleAt: 11_999 });
    expect(await store.room("small")).toMatchObject({ firstSampleAt: 20_000, lastSampleAt: 20_000 });
    expect(await store.room("old-watched")).toMatchObject({ watched: true, firstSampleAt: null, lastSampleAt: null });
    expect(await store.room("viewed-recently")).not.toBeNull();
    expect(await store.room("old-unwatched")).toBeNull();
    expect(await store.room("viewed-long-ago")).toBeNull();

    expect(await store.prune(11_000)).toBe(0);
  });
});

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

  it("keeps everything across close and reopen", async () => {
    const first = openSqliteStore({ dataDir: dir });
    await first.addSamples([1, 2, 3].map((t) => ({ roomId: "房间", sample: sample(t) })));
    await first.watch("房间", 10);
    await first.markViewed("other", 20);
    await first.markEnded("other", 15);
    await first.close();
    await first.close();
    expect((await rejection(first.samples("房间"))).code).toBe("closed");

    const second = openStore();
    expect(await second.samples("房间")).toEqual([sample(1), sample(2), sample(3)]);
    expect(await second.room("房间")).toMatchObject({ status: "live", watched: true, watchedAt: 10, firstSampleAt: 1, lastSampleAt: 3 });
    expect(await second.room("other")).toMatchObject({ status: "ended", endedAt: 15, lastViewedAt: 20 });
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
  }, 30_000);
});
