import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { SERVICES_KEY as SERVICE_KEY } from "@/lib/server/container";

const SECRET = "c".repeat(64);
const dataDir = mkdtempSync(join(tmpdir(), "roomscope-startup-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the start-up check against `env` and reports whether it stopped the process and what it said. */
async function startWith(env: Record<string, string>) {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith("TENCENT_") || k === "STATS_FRESHNESS_MS") delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dataDir, ...env });
  const said: string[] = [];
  const record = (...a: unknown[]) => void said.push(a.map(String).join(" "));
  const spies = [vi.spyOn(console, "error").mockImplementation(record), vi.spyOn(console, "log").mockImplementation(record)];
  const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  let exitedWith: string | null = null;
  try {
    // A fresh copy of the modules each time, so the environment is read again as at a real start.
    const { startServer } = await import("./startup");
    await startServer();
  } catch (e) {
    exitedWith = (e as Error).message;
  } finally {
    const service = (globalThis as Record<symbol, { stop(): Promise<void> } | undefined>)[SERVICE_KEY];
    await service?.stop();
    spies.forEach((s) => s.mockRestore());
    exit.mockRestore();
    process.env = saved;
    delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  }
  return { exitedWith, said: said.join("\n") };
}

afterEach(() => vi.resetModules());

describe("server start-up", () => {
  it("stops the server naming a missing variable", async () => {
    const { exitedWith, said } = await startWith({ TENCENT_SECRET_KEY: SECRET });
    expect(exitedWith).toBe("exit 1");
    expect(said).toMatch(/TENCENT_SDKAPPID: is required/);
    expect(said).not.toContain(SECRET);
  });

  it("stops the server on a malformed value without printing it", async () => {
    const { exitedWith, said } = await startWith({ TENCENT_SDKAPPID: "1400000001", TENCENT_USERSIG: "not-a-usersig-at-all" });
    expect(exitedWith).toBe("exit 1");
    expect(said).toMatch(/TENCENT_USERSIG/);
    expect(said).not.toContain("not-a-usersig-at-all");
  });

  it("stops the server when the history database cannot be read, and leaves the file alone", async () => {
    const badDir = mkdtempSync(join(tmpdir(), "roomscope-bad-db-"));
    const file = join(badDir, "roomscope.db");
    writeFileSync(file, "this is not a database, but it is somebody's file\n".repeat(100));
    const before = readFileSync(file);
    try {
      const { exitedWith, said } = await startWith({ TENCENT_SDKAPPID: "1400000001", TENCENT_SECRET_KEY: SECRET, DATA_DIR: badDir });
      expect(exitedWith).toBe("exit 1");
      expect(said).toMatch(/roomscope\.db/);
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      rmSync(badDir, { recursive: true, force: true });
    }
  });

  it("starts with a valid configuration and says where it points", async () => {
    const { exitedWith, said } = await startWith({ TENCENT_SDKAPPID: "1400000001", TENCENT_SECRET_KEY: SECRET, TENCENT_REGION: "jakarta" });
    expect(exitedWith).toBeNull();
    expect(said).toMatch(/"upstream":"adminapiidn.im.qcloud.com"/);
    expect(said).not.toContain(SECRET);
  });
});
