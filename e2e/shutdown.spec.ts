import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { adminToken, ownConsoleEnv } from "./accounts";
import { expect, test } from "./fixtures";

// The audit log is written in batches off the request's path; a clean shutdown (SIGTERM, as a
// process manager sends it) must still write every entry queued. A console of its own, stopped
// right after a burst of lookups, well inside one batch interval.

const PORT = Number(process.env.E2E_APP_PORT ?? 3310) + 5;

test.use({ storageState: { cookies: [], origins: [] } });

function startConsole(dataDir: string) {
  return spawn(process.execPath, ["server.mjs"], {
    cwd: join(import.meta.dirname, ".."),
    stdio: "ignore",
    env: { ...process.env, ...ownConsoleEnv(PORT, dataDir) },
  });
}

const base = `http://127.0.0.1:${PORT}`;

test("a clean shutdown writes every queued audit entry", async ({ playwright }) => {
  const dataDir = mkdtempSync(join(tmpdir(), "roomscope-shutdown-"));
  const child = startConsole(dataDir);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const api = await playwright.request.newContext();
    const token = await adminToken(api, base, "shutdown");
    const lookups = await Promise.all(Array.from({ length: 50 }, () => api.get(`${base}/api/rooms/demo-quiet/stats`, { headers: { authorization: `Bearer ${token}` } })));
    expect(lookups.every((r) => r.status() === 200)).toBe(true);
    await api.dispose();
    child.kill("SIGTERM");
    expect(await exited).toBe(0);

    const db = new Database(join(dataDir, "access.db"), { readonly: true });
    const count = (action: string) => (db.prepare("SELECT count(*) FROM audit_event WHERE action = ?").pluck().get(action) as number);
    expect(count("room.lookup")).toBe(50);
    expect(count("token.create")).toBe(1);
    db.close();
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a SIGTERM lets the request in flight finish, takes no new connection, then exits cleanly", async ({ playwright }) => {
  const dataDir = mkdtempSync(join(tmpdir(), "roomscope-drain-"));
  const child = startConsole(dataDir);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const api = await playwright.request.newContext();
    const token = await adminToken(api, base, "drain");
    await api.dispose();
    // demo-slow's upstream takes 6 s, past the attempt's 5 s: an answer that arrives seconds later.
    const inFlight = fetch(`${base}/api/rooms/demo-slow/stats`, { headers: { authorization: `Bearer ${token}` } });
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGTERM");
    await expect.poll(() => fetch(`${base}/api/health`).then(() => "answered", () => "refused"), { timeout: 5_000 }).toBe("refused");
    const answer = await inFlight;
    expect(answer.status).toBe(504);
    expect((await answer.json()).error.code).toBe("upstream_timeout");
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
