import { afterEach, describe, expect, it, vi } from "vitest";

const SERVICE_KEY = Symbol.for("roomscope.roomStatsService");
const SECRET = "c".repeat(64);

/** Runs the start-up check against `env` and reports whether it stopped the process and what it said. */
async function startWith(env: Record<string, string>) {
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith("TENCENT_") || k === "STATS_FRESHNESS_MS") delete process.env[k];
  Object.assign(process.env, env);
  const said: string[] = [];
  const record = (...a: unknown[]) => void said.push(a.map(String).join(" "));
  const spies = [vi.spyOn(console, "error").mockImplementation(record), vi.spyOn(console, "log").mockImplementation(record)];
  const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  let exitedWith: string | null = null;
  try {
    // A fresh copy of the modules each time, so the environment is read again as at a real start.
    const { checkConfiguration } = await import("./startup");
    checkConfiguration();
  } catch (e) {
    exitedWith = (e as Error).message;
  } finally {
    spies.forEach((s) => s.mockRestore());
    exit.mockRestore();
    process.env = saved;
    delete (globalThis as Record<symbol, unknown>)[SERVICE_KEY];
  }
  return { exitedWith, said: said.join("\n") };
}

afterEach(() => vi.resetModules());

describe("start-up check", () => {
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

  it("starts with a valid configuration and says where it points", async () => {
    const { exitedWith, said } = await startWith({ TENCENT_SDKAPPID: "1400000001", TENCENT_SECRET_KEY: SECRET, TENCENT_REGION: "jakarta" });
    expect(exitedWith).toBeNull();
    expect(said).toMatch(/"upstream":"adminapiidn.im.qcloud.com"/);
    expect(said).not.toContain(SECRET);
  });
});
