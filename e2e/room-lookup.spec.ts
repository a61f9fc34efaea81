import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { findCredentialLeaks } from "../lib/testing/secrets";
import { DEMO_APP } from "../simulator/demo-app";

// Operators' paths through the console, in Chromium, against the built console and the stand-in
// (started by playwright.config.ts). Rooms and faults are the stand-in's named demo rooms.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;

async function setFault(roomId: string, mode: string) {
  const res = await fetch(`${SIM}/__sim/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ roomId, mode }),
  });
  expect(res.ok).toBe(true);
}

const card = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const roomStatus = (page: Page) => page.getByRole("status").filter({ hasText: /^(Live|Stale|Paused|Stopped|Loading|No data)$/ });

test("search a room from the home page and see its six live totals", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("Simulated data")).toBeVisible();
  const box = page.getByLabel("Room ID");
  await box.fill("  demo-popular  ");
  // Surrounding whitespace is trimmed before counting and looking up.
  await expect(page.getByText("12 / 48 bytes")).toBeVisible();
  await box.press("Enter");

  await expect(page).toHaveURL(/\/rooms\/demo-popular$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Room demo-popular");
  for (const name of ["Viewers", "Gifts sent", "Gift coins", "Unique gift senders", "Likes", "Messages"]) {
    await expect(card(page, name).getByText(/^\d[\d.,\s]*[KMB万亿]?$/).first()).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Coins per gift" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Gifts per sender" })).toBeVisible();
  await expect(roomStatus(page)).toHaveText("Live");

  // The lookup is remembered on this browser.
  await page.goto("/");
  await expect(page.getByRole("region", { name: "Recent lookups" }).getByRole("link", { name: "demo-popular" })).toBeVisible();
});

test("numbers update by themselves while the page is open", async ({ page }) => {
  await page.goto("/rooms/demo-popular?interval=2");
  const footer = page.locator("footer code");
  await expect(footer).toHaveText(/^Id-/);
  const first = await footer.textContent();
  // Each answer from Tencent carries a new RequestId: a new one means a new poll was shown.
  await expect(footer).not.toHaveText(first!, { timeout: 10_000 });
  await expect(page.getByText(/Updated (now|\d+ seconds? ago)/)).toBeVisible();
  // With two samples the change since the previous poll is shown on the cards.
  await expect(card(page, "Viewers").getByText(/since the previous update/)).toBeAttached();
});

test("the URL keeps the room and its interval, and a shared link opens the same view", async ({ page }) => {
  await page.goto("/rooms/demo-quiet?interval=10");
  await expect(roomStatus(page)).toHaveText("Live");
  const interval = page.getByLabel("Refresh interval");
  await expect(interval).toHaveValue("10");
  await interval.selectOption("30");
  await expect(page).toHaveURL(/interval=30/);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page).toHaveURL(/paused=1/);
  await expect(roomStatus(page)).toHaveText("Paused");

  await page.reload();
  await expect(page.getByLabel("Refresh interval")).toHaveValue("30");
  await expect(page.getByRole("button", { name: "Resume", exact: true })).toBeVisible();
});

test("a room that does not exist says so and stops polling", async ({ page }) => {
  const polls: string[] = [];
  page.on("request", (r) => r.url().includes("/api/rooms/") && polls.push(r.url()));
  await page.goto("/rooms/no-such-room?interval=2");
  await expect(page.getByRole("heading", { name: "Room not found" })).toBeVisible();
  await expect(page.getByText(/has been dismissed/).first()).toBeVisible();
  await expect(page.getByText(/100004/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy RequestId" })).toBeVisible();
  const count = polls.length;
  await page.waitForTimeout(5000);
  expect(polls.length).toBe(count);
});

test("an invalid RoomId is explained before anything is looked up", async ({ page }) => {
  await page.goto("/");
  const box = page.getByLabel("Room ID");
  await box.fill("直".repeat(17));
  await expect(page.getByText("51 / 48 bytes")).toBeVisible();
  await expect(page.getByText(/at most 48 bytes of UTF-8/)).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/$/);

  const lookups: string[] = [];
  page.on("request", (r) => r.url().includes("/api/rooms/") && lookups.push(r.url()));
  await page.goto(`/rooms/${"a".repeat(49)}`);
  await expect(page.getByRole("heading", { name: "This RoomId is not valid" })).toBeVisible();
  expect(lookups).toEqual([]);
});

test("when the upstream goes down the last numbers stay on screen, marked stale, then it recovers", async ({ page }) => {
  const room = "demo-quiet";
  await setFault(room, "none");
  await page.goto(`/rooms/${room}?interval=2`);
  await expect(roomStatus(page)).toHaveText("Live");
  const viewers = await card(page, "Viewers").locator("p").first().textContent();
  expect(viewers).toMatch(/\d/);

  // The connection drops without an answer, as when Tencent's side is unreachable.
  await setFault(room, "down");
  try {
    await expect(roomStatus(page)).toHaveText("Stale", { timeout: 20_000 });
    await expect(page.getByRole("heading", { name: "The console cannot connect to Tencent" })).toBeVisible();
    await expect(page.getByText(/Last updated/)).toBeVisible();
    // The last good figures are still there, marked stale.
    await expect(card(page, "Viewers")).toHaveAttribute("data-stale", "true");
    await expect(card(page, "Viewers").locator("p").first()).not.toHaveText("—");
  } finally {
    await setFault(room, "none");
  }
  await expect(roomStatus(page)).toHaveText("Live", { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "The console cannot connect to Tencent" })).toBeHidden();
});

test("Tencent's RequestId of a failure can be copied for a support ticket", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/rooms/no-such-room");
  await page.getByRole("button", { name: "Copy RequestId" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
  await expect(page.getByText(copied).first()).toBeVisible();
});

test("no credential ever reaches the browser", async ({ page }) => {
  const bodies: Promise<string>[] = [];
  // Redirects and aborted requests have no body.
  page.on("response", (r) => void bodies.push(r.text().catch(() => "")));
  await page.goto("/rooms/demo-popular?interval=2");
  await expect(roomStatus(page)).toHaveText("Live");
  await page.goto("/rooms/no-such-room");
  await expect(page.getByRole("heading", { name: "Room not found" })).toBeVisible();
  const all = (await Promise.all(bodies)).join("\n") + (await page.content());
  expect(all).not.toMatch(/TLS\.sig|TENCENT_SECRET_KEY/i);
  expect(findCredentialLeaks(all, DEMO_APP.secretKey)).toEqual([]);
});
