import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Role } from "../lib/contract/roles";
import { ACCOUNTS, storageStateOf } from "./accounts";

// Who gets in and what each role sees, in Chromium: signing in and out, each role's pages, the
// lockout after repeated failures, an API token's whole life, and the audit log of all of it.

const BASE = `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}`;
const SAME_ORIGIN = { origin: BASE };
const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
/** The page's own alert (Next keeps an empty one of its own for route announcements). */
const alert = (page: Page) => page.getByRole("main").getByRole("alert");

async function as(browser: Browser, role: Role) {
  const context = await browser.newContext({ baseURL: BASE, storageState: storageStateOf(role) });
  return { context, page: await context.newPage() };
}

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a page asks for sign-in, returns to itself afterwards, and signing out ends the session", async ({ page }) => {
    await page.goto("/rooms/demo-quiet?interval=5");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Frooms%2Fdemo-quiet%3Finterval%3D5$/);
    await page.getByLabel("Email").fill(ACCOUNTS.ops.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert(page)).toHaveText("The email or password is not right. Check both and try again.");

    await page.getByLabel("Password").fill(ACCOUNTS.ops.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/rooms\/demo-quiet\?interval=5$/);
    await expect(page.getByRole("banner").getByText(ACCOUNTS.ops.email)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/watchlist");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fwatchlist$/);
    // The API says the same, in its error shape.
    const res = await page.request.get("/api/watchlist");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  test("repeated failures lock the account for a while, right password or not, and say how long", async ({ page, browser }) => {
    const admin = await as(browser, "admin");
    const created = await admin.page.request.post("/api/users", { data: { email: "locked@e2e.test", role: "support", password: "locked-password-1" }, headers: SAME_ORIGIN });
    expect(created.status()).toBe(201);
    await admin.context.close();

    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("locked@e2e.test");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("Password").fill(`wrong-${i}`);
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/session") && r.request().method() === "POST");
      await page.getByRole("button", { name: "Sign in" }).click();
      expect((await answered).status()).toBe(401);
      await expect(alert(page)).toContainText("not right");
    }
    await page.getByLabel("Password").fill("locked-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert(page)).toHaveText(/^Too many failed sign-ins\. Wait 1[0-5] s, then try again/);
    await expect(page).toHaveURL(/\/sign-in$/);
  });
});

test("each role sees only what it may do, and the server refuses the rest", async ({ browser }) => {
  const admin = await as(browser, "admin");
  await admin.page.goto("/");
  await expect(nav(admin.page).getByRole("link")).toHaveText(["Live now", "Watchlist", "Compare", "Alerts", "Users", "API tokens", "Audit log"]);
  await admin.context.close();

  const ops = await as(browser, "ops");
  await ops.page.goto("/watchlist");
  await expect(nav(ops.page).getByRole("link")).toHaveText(["Live now", "Watchlist", "Compare", "Alerts"]);
  await expect(ops.page.getByRole("button", { name: "Add to watchlist" })).toBeVisible();
  await ops.page.getByLabel("Room ID").fill("demo-ending");
  await ops.page.getByRole("button", { name: "Add to watchlist" }).click();
  await expect(ops.page.getByText(/Added demo-ending/)).toBeVisible();
  await ops.page.goto("/admin/users");
  await expect(ops.page.getByRole("heading", { level: 1 })).toHaveText("Not for your role");
  expect((await ops.page.request.get("/api/users")).status()).toBe(403);
  await ops.context.close();

  const support = await as(browser, "support");
  await support.page.goto("/rooms/demo-popular");
  await expect(support.page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
  await expect(support.page.getByRole("button", { name: /^Watch/ })).toHaveCount(0);
  await support.page.goto("/watchlist");
  await expect(support.page.getByRole("button", { name: "Add to watchlist" })).toHaveCount(0);
  await expect(support.page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  const refused = await support.page.request.post("/api/watchlist", { data: { roomId: "demo-quiet" }, headers: SAME_ORIGIN });
  expect(refused.status()).toBe(403);
  // Alert rules: read, not changed.
  await support.page.goto("/alerts");
  await expect(support.page.getByRole("heading", { name: "Alert rules" })).toBeVisible();
  await expect(support.page.getByRole("button", { name: "Save rule" })).toHaveCount(0);
  const rule = { name: "x", scope: { kind: "watched" }, condition: { kind: "ended" } };
  expect((await support.page.request.post("/api/alerts/rules", { data: rule, headers: SAME_ORIGIN })).status()).toBe(403);
  await support.context.close();

  const viewer = await as(browser, "viewer");
  // No ad-hoc lookups: the home page sends a viewer to the watchlist.
  await viewer.page.goto("/");
  await expect(viewer.page).toHaveURL(/\/watchlist$/);
  await expect(viewer.page.getByRole("row").filter({ hasText: "demo-ending" })).toBeVisible();
  // A watched room: its recorded history, no live cards.
  await viewer.page.goto("/rooms/demo-ending");
  await expect(viewer.page.getByRole("status").filter({ hasText: "Recorded history" })).toBeVisible();
  await expect(viewer.page.getByRole("region", { name: "Viewers", exact: true })).toHaveCount(0);
  expect((await viewer.page.request.get("/api/rooms/demo-ending/stats")).status()).toBe(403);
  expect((await viewer.page.request.get("/api/rooms/demo-ending/history")).status()).toBe(200);
  const unwatched = await viewer.page.request.get("/api/rooms/demo-popular/report");
  expect(unwatched.status()).toBe(403);
  expect((await unwatched.json()).error.message).toMatch(/only rooms on the watchlist/);
  await viewer.context.close();
});

test("an API token's life: created once in the admin page, used by a script, revoked, refused, all in the audit log", async ({ browser, playwright }) => {
  const { context, page } = await as(browser, "admin");
  await page.goto("/admin/tokens");
  await page.getByLabel("Name").fill("e2e-nightly");
  await page.getByLabel("Role", { exact: true }).selectOption("support");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("status").filter({ hasText: "Token e2e-nightly" }).locator("code");
  await expect(shown).toHaveText(/^rst_[A-Za-z0-9_-]{43}$/);
  const token = (await shown.textContent())!;

  // A script: no cookie, only the bearer token.
  const script = await playwright.request.newContext({ baseURL: BASE, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const lookup = await script.get("/api/rooms/demo-popular/stats");
  expect(lookup.status()).toBe(200);
  const requestId = (await lookup.json()).requestId as string;
  expect((await script.post("/api/watchlist", { data: { roomId: "x" } })).status()).toBe(403); // support may not

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: "e2e-nightly" });
  await expect(row).toContainText("support");
  await expect(row).toContainText(ACCOUNTS.admin.email);
  await expect(row.getByRole("cell").nth(5)).not.toHaveText("–"); // last used
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Revoke e2e-nightly" }).click();
  await expect(row).toHaveCount(0);

  const after = await script.get("/api/rooms/demo-popular/stats");
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthenticated");
  await script.dispose();

  // The audit log has the lookup with Tencent's RequestId, and the token's creation and revocation.
  await page.goto(`/admin/audit?actor=e2e-nightly&action=room.lookup`);
  const entry = page.getByRole("row").filter({ hasText: requestId });
  await expect(entry).toContainText("demo-popular");
  await expect(entry).toContainText("e2e-nightly (token)");
  await page.goto("/admin/audit?action=token.revoke");
  await expect(page.getByRole("row").filter({ hasText: ACCOUNTS.admin.email }).first()).toContainText("token.revoke");
  const csv = await page.request.get("/api/audit.csv?action=token.create");
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(await csv.text()).toMatch(/token\.create,,201,ok,,.*e2e-nightly/);
  await context.close();
});

test("an admin adds a user who signs in with the password shown once; the last admin cannot be demoted", async ({ browser }) => {
  const { context, page } = await as(browser, "admin");
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill("newcomer@e2e.test");
  await page.getByLabel("Role", { exact: true }).selectOption("support");
  await page.getByRole("button", { name: "Add user" }).click();
  const password = (await page.getByRole("status").filter({ hasText: "Password for newcomer@e2e.test" }).locator("code").textContent())!;
  expect(password.length).toBeGreaterThanOrEqual(16);

  const newcomer = await browser.newContext({ baseURL: BASE });
  const res = await newcomer.request.post("/api/session", { data: { email: "newcomer@e2e.test", password }, headers: SAME_ORIGIN });
  expect(res.status()).toBe(200);
  expect((await res.json()).user.role).toBe("support");
  await newcomer.close();

  await page.getByLabel(`Role of ${ACCOUNTS.admin.email}`).selectOption("ops");
  await expect(alert(page)).toHaveText("This is the last admin: make someone else an admin first.");
  await page.reload();
  await expect(page.getByLabel(`Role of ${ACCOUNTS.admin.email}`)).toHaveValue("admin");
  await context.close();
});
