// `npm run console -- migrate-sqlite`: an embedded deployment's files copied into a real PostgreSQL,
// then read back through the console's own stores and sign-in, as a fleet on that database would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "@/lib/audit/audit-log";
import type { Sample } from "@/lib/contract/stats";
import { parseAccessEnv } from "@/lib/env";
import { openPostgresStore } from "@/lib/store/postgres-store";
import { openSqliteStore } from "@/lib/store/sqlite-store";
import { createTestDatabase } from "@/lib/testing/postgres";
import { openAccess } from "./access-cli";
import { run } from "./console";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllEnvs();
});

const OPS = { email: "ops@example.com", password: "ops password 1234" };
const ADMIN = { email: "admin@example.com", password: "admin password 1234" };

const sample = (t: number, viewers: number): Sample => ({
  t,
  stats: { totalViewers: viewers, totalGiftsSent: 2, totalGiftCoins: 30, totalUniqueGiftSenders: 1, totalLikesReceived: 40, totalMsgCount: 5 },
});

const event = (at: number, action: AuditEntry["action"], roomId: string | null): AuditEntry => ({
  at,
  actorType: "user",
  actorId: "u1",
  actor: OPS.email,
  role: "ops",
  address: "10.0.0.1",
  action,
  roomId,
  status: 200,
  outcome: "ok",
  requestId: `req-${at}`,
  detail: null,
});

/** An embedded deployment's data directory: two rooms' history, two accounts, a token and an audit log. */
async function embeddedDeployment() {
  const dir = mkdtempSync(join(tmpdir(), "roomscope-migrate-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore({ dataDir: dir });
  await store.addSamples([
    { roomId: "room-1", sample: sample(1000, 10) },
    { roomId: "room-1", sample: sample(2000, 12) },
    { roomId: "room-1", sample: sample(3000, 15) },
    { roomId: "room-2", sample: sample(1500, 7) },
  ]);
  await store.watch("room-1", 500);
  await store.markEnded("room-2", 1500);
  await store.markAnnounced("room-1", 200);
  await store.noteFailure("room-2", { at: 2500, code: "rate_limited", upstreamCode: 60007 });
  await store.close();

  const access = await openAccess(parseAccessEnv({ DATA_DIR: dir }));
  await access.users.create({ ...OPS, role: "ops" });
  await access.users.create({ ...ADMIN, role: "admin" });
  const { token } = await access.tokens.create({ name: "scraper", role: "viewer", createdBy: "command line", expiresAt: null });
  access.audit.record(event(1000, "room.lookup", "room-1"));
  access.audit.record(event(2000, "watchlist.add", "room-1"));
  await access.audit.flush();
  await access.stop();
  return { dir, file: join(dir, "roomscope.db"), token };
}

async function cli(...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  expect(await run(argv, (line) => void lines.push(line))).toBe(0);
  return lines;
}

/** The report's table as {table: [in file, copied, skipped]}. */
function counts(output: string[]): Record<string, number[]> {
  const lines = output.join("\n").split("\n");
  const start = lines.findIndex((l) => l.startsWith("TABLE"));
  return Object.fromEntries(
    lines.slice(start + 1, start + 7).map((l) => {
      const [name, ...numbers] = l.split(/\s+/);
      return [name, numbers.map((n) => Number(n.replaceAll(",", "")))];
    }),
  );
}

async function target() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  vi.stubEnv("DATABASE_URL", database.url);
  return database.url;
}

async function signIn(access: Awaited<ReturnType<typeof openAccess>>, credentials: { email: string; password: string }) {
  const response = await access.auth.api.signInEmail({ body: credentials, headers: new Headers(), asResponse: true });
  return response.status;
}

describe("npm run console -- migrate-sqlite", () => {
  it("copies history, accounts, tokens and the audit log, and a second run copies nothing", async () => {
    const source = await embeddedDeployment();
    const url = await target();
    vi.stubEnv("DATA_DIR", source.dir);

    const first = await cli("migrate-sqlite", "--from", source.file);
    expect(counts(first)).toEqual({
      rooms: [2, 2, 0],
      samples: [4, 4, 0],
      user: [2, 2, 0],
      account: [2, 2, 0],
      api_token: [1, 1, 0],
      audit_event: [2, 2, 0],
    });

    const store = openPostgresStore({ url });
    cleanups.push(() => store.close());
    expect(await store.samples("room-1")).toEqual([sample(1000, 10), sample(2000, 12), sample(3000, 15)]);
    expect((await store.watchlist()).map((room) => room.roomId)).toEqual(["room-1"]);
    // Announced by Tencent's create callback: recorded on PostgreSQL as it was in the file.
    expect(await store.room("room-1")).toMatchObject({ announcedAt: 200, status: "live" });
    expect(await store.room("room-2")).toMatchObject({
      status: "ended",
      endedAt: 1500,
      firstSampleAt: 1500,
      lastSampleAt: 1500,
      lastFailure: { at: 2500, code: "rate_limited", upstreamCode: 60007 },
    });

    const access = await openAccess(parseAccessEnv(process.env));
    cleanups.push(() => access.stop());
    // The password hash came across: the same password signs in on PostgreSQL, with the same role.
    expect(await signIn(access, OPS)).toBe(200);
    expect(await access.users.findByEmail(OPS.email)).toMatchObject({ role: "ops", disabled: false });
    expect(await access.tokens.verify(source.token)).toMatchObject({ ok: true, principal: { label: "scraper", role: "viewer" } });
    const log = await access.audit.query({ limit: 10 });
    expect(log.map((e) => [e.id, e.action, e.at])).toEqual([
      [2, "watchlist.add", 2000],
      [1, "room.lookup", 1000],
    ]);
    // The log numbers on after the copied events.
    access.audit.record(event(3000, "room.lookup", "room-2"));
    expect((await access.audit.query({ limit: 1 }))[0]).toMatchObject({ id: 3, at: 3000 });

    const second = await cli("migrate-sqlite", "--from", source.file);
    expect(Object.values(counts(second)).map(([, copied]) => copied)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await store.samples("room-1")).toHaveLength(3);
    expect(await access.audit.query({ limit: 10 })).toHaveLength(3);
  });

  it("meets a fleet that already ran on PostgreSQL: merges rooms, keeps its own admin, token name and audit numbers", async () => {
    const source = await embeddedDeployment();
    const url = await target();
    vi.stubEnv("DATA_DIR", source.dir);

    // The fleet started first: its first admin (same email, its own password), a token named like
    // the file's, one audit event, and a later sample of room-1.
    const fleetAdmin = { email: ADMIN.email, password: "fleet admin password 99" };
    const fleet = await openAccess(parseAccessEnv({ ...process.env, CONSOLE_ADMIN_EMAIL: fleetAdmin.email, CONSOLE_ADMIN_PASSWORD: fleetAdmin.password }));
    cleanups.push(() => fleet.stop());
    const { token: fleetToken } = await fleet.tokens.create({ name: "scraper", role: "ops", createdBy: "command line", expiresAt: null });
    fleet.audit.record(event(5000, "room.lookup", "room-3"));
    await fleet.audit.flush();
    const store = openPostgresStore({ url });
    cleanups.push(() => store.close());
    await store.addSample("room-1", sample(4000, 20));

    const lines = await cli("migrate-sqlite", "--from", source.file);
    expect(counts(lines)).toMatchObject({ rooms: [2, 1, 1], samples: [4, 4, 0], user: [2, 1, 1], account: [2, 1, 1], api_token: [1, 0, 1], audit_event: [2, 2, 0] });
    expect(lines).toContain(`Kept PostgreSQL's own account for ${ADMIN.email}; the file's account of that email and its password were not copied.`);
    expect(lines.some((l) => l.startsWith("Token scraper not copied"))).toBe(true);
    expect(lines).toContain("1 audit events took new numbers (PostgreSQL's log had used theirs), so they list after its own.");

    expect((await store.samples("room-1")).map((s) => s.t)).toEqual([1000, 2000, 3000, 4000]);
    expect(await store.room("room-1")).toMatchObject({ firstSampleAt: 1000, lastSampleAt: 4000, status: "live" });
    expect(await signIn(fleet, fleetAdmin)).toBe(200);
    expect(await signIn(fleet, ADMIN)).toBe(401);
    expect(await signIn(fleet, OPS)).toBe(200);
    expect(await fleet.tokens.verify(fleetToken)).toMatchObject({ ok: true, principal: { role: "ops" } });
    expect(await fleet.tokens.verify(source.token)).toMatchObject({ ok: false });
    // Nothing lost from either log; the file's event 1 was renumbered past both logs' numbers.
    expect((await fleet.audit.query({ limit: 10 })).map((e) => [e.id, e.at])).toEqual([
      [3, 1000],
      [2, 2000],
      [1, 5000],
    ]);

    expect(Object.values(counts(await cli("migrate-sqlite", "--from", source.file))).map(([, copied]) => copied)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("says what is wrong with the source or the target, and copies nothing", async () => {
    const source = await embeddedDeployment();
    vi.stubEnv("DATABASE_URL", undefined);
    await expect(run(["migrate-sqlite", "--from", source.file], () => undefined)).rejects.toThrow(/DATABASE_URL, which is not set/);
    await target();
    await expect(run(["migrate-sqlite", "--from", join(source.dir, "missing.db")], () => undefined)).rejects.toThrow(/no such file/);
    await expect(run(["migrate-sqlite"], () => undefined)).rejects.toThrow(/--from is required/);
    // The access file is not history: refused as another program's database.
    await expect(run(["migrate-sqlite", "--from", join(source.dir, "access.db")], () => undefined)).rejects.toThrow(/not Roomscope's history/);
  });
});
