import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ADMIN, adminToken, ownConsoleEnv } from "./accounts";
import { expect, test } from "./fixtures";

// The deployable folder (`output: "standalone"`, README "Running in production"): server.mjs run from
// .next/standalone alone, as on a host without the source tree, serves the pages with their assets
// and the API through the direct lane.

const PORT = Number(process.env.E2E_APP_PORT ?? 3310) + 6;
const ROOT = join(import.meta.dirname, "..");
const FOLDER = join(ROOT, ".next", "standalone");

test.use({ storageState: { cookies: [], origins: [] } });

test("the standalone folder runs on its own: pages, assets and lookups", async ({ page, playwright }) => {
  expect(existsSync(join(FOLDER, "server.mjs")), "build with ROOMSCOPE_STANDALONE=1 (npm run standalone, or npm test)").toBe(true);
  // What `npm run standalone` adds after the build.
  cpSync(join(ROOT, ".next", "static"), join(FOLDER, ".next", "static"), { recursive: true });
  cpSync(join(ROOT, "public"), join(FOLDER, "public"), { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "roomscope-standalone-"));
  const base = `http://127.0.0.1:${PORT}`;
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: FOLDER,
    stdio: "ignore",
    // Only what a host would set: nothing of this checkout's environment.
    env: { PATH: process.env.PATH ?? "", ROOMSCOPE_SIMULATED: "true", ...ownConsoleEnv(PORT, dataDir) },
  });
  try {
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, { timeout: 30_000 }).toBe(200);
    const api = await playwright.request.newContext();
    const token = await adminToken(api, base, "standalone");
    const lookup = await api.get(`${base}/api/rooms/demo-popular/stats`, { headers: { authorization: `Bearer ${token}` } });
    expect(lookup.status()).toBe(200);
    expect((await lookup.json()).stats.totalViewers).toBeGreaterThan(0);
    await api.dispose();

    await page.goto(`${base}/`);
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Simulated data")).toBeVisible();
    await page.getByLabel("Room ID").fill("demo-popular");
    await page.getByLabel("Room ID").press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Room demo-popular");
    await expect(page.getByRole("region", { name: "Viewers", exact: true }).getByText(/^\d/).first()).toBeVisible();
    // The stylesheet and the scripts came from the folder's own static assets.
    const styled = await page.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.includes("/_next/static/")));
    expect(styled).toBe(true);
  } finally {
    child.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
