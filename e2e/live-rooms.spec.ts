import type { Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { expect, test } from "./fixtures";
import { SAME_ORIGIN } from "./recording";

// The "Live now" page: Tencent's listing of the app's live rooms (get_room_list, from the stand-in),
// searched and sorted in the URL, one click to watch a room and from there to its report; a listing
// that fails part way shows what it has and says so.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;

async function setListFault(failFromPage: number | null) {
  const res = await fetch(`${SIM}/__sim/list/fault`, { method: "POST", body: JSON.stringify({ failFromPage }) });
  expect(res.ok).toBe(true);
}

const table = (page: Page) => page.getByRole("table", { name: "Live rooms" });
/** The body's rows (the header has two). */
const roomRows = (page: Page) => table(page).locator("tbody tr");

test("live list → watch → report", async ({ page }) => {
  const room = "live-0064";
  try {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Live now" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Live now");
    // The stand-in has about 130 rooms live: seven of get_room_list's pages of 20, all listed.
    const summary = page.getByText(/^\d+ rooms live · listed at/);
    await expect(summary).toBeVisible();
    const count = Number((await summary.textContent())!.split(" ")[0]);
    expect(count).toBeGreaterThan(100);
    await expect(roomRows(page)).toHaveCount(100);
    await page.getByRole("button", { name: `Show all ${count}` }).click();
    await expect(roomRows(page)).toHaveCount(count);
    // By views, most first: the stand-in's most popular room heads the list.
    await expect(roomRows(page).first()).toContainText("Friday live show");
    await expect(table(page).getByRole("columnheader", { name: "Views" })).toHaveAttribute("aria-sort", "descending");

    await page.getByRole("searchbox", { name: "Search the live rooms" }).fill(room);
    await expect(page).toHaveURL(new RegExp(`/live\\?q=${room}$`));
    await expect(roomRows(page)).toHaveCount(1);
    const row = roomRows(page).first();
    await expect(row.getByRole("link", { name: new RegExp(`· ${room}$`) })).toBeVisible();
    await expect(row.getByText(new RegExp(`^${room} · host_`))).toBeVisible();

    await row.getByRole("button", { name: `Watch ${room}: record it for the team` }).click();
    await expect(row.getByText("Watching", { exact: true })).toBeVisible();
    const list = (await (await page.request.get("/api/watchlist")).json()) as { rooms: { roomId: string }[] };
    expect(list.rooms.map((r) => r.roomId)).toContain(room);
    // Straight to the report, before the recorder's first sample: it fills in by itself.
    await row.getByRole("link", { name: `Report of ${room}` }).click();
    await expect(page).toHaveURL(new RegExp(`/rooms/${room}/report`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Report: ${room}`);
    await expect(page.getByText(/Messages per minute/).first()).toBeVisible({ timeout: 30_000 });

    // Back on the list (the search is in the link), the room has its recorded totals.
    await page.goBack();
    await expect(page.getByRole("searchbox", { name: "Search the live rooms" })).toHaveValue(room);
    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(roomRows(page).first().getByText("Not recorded")).toHaveCount(0);
    await expect(roomRows(page).first().locator("td").nth(3)).toHaveText(/^\d[\d,]*$/);

    // The sort is in the link too.
    await page.getByRole("searchbox", { name: "Search the live rooms" }).fill("");
    await table(page).getByRole("button", { name: "Started" }).click();
    await expect(page).toHaveURL(/\/live\?sort=created&dir=desc$/);
    await page.reload();
    await expect(table(page).getByRole("columnheader", { name: "Started" })).toHaveAttribute("aria-sort", "descending");
    const started = await roomRows(page).locator("td time").first().getAttribute("datetime");
    const all = await roomRows(page).evaluateAll((rows) => rows.map((r) => r.querySelector("td time")?.getAttribute("datetime") ?? ""));
    expect(started).toBe([...all].sort().at(-1));
  } finally {
    await page.request.delete(`/api/watchlist/${room}`, { headers: SAME_ORIGIN });
  }
});

test("a listing that fails part way shows the rooms it read, says so, and quotes Tencent's RequestId", async ({ page }) => {
  await setListFault(1);
  try {
    await page.goto("/live");
    // The fleet's listing is reused for its window (5 s here): the next one meets the fault.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("status").filter({ hasText: "The listing stopped after 1 page" })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    const notice = page.getByRole("status").filter({ hasText: "The listing stopped after 1 page" });
    await expect(notice).toContainText("ErrorCode 100001");
    await expect(notice).toContainText("Showing the 20 rooms it read");
    await expect(notice.locator("code")).toHaveText(/^Id-/);
    await expect(roomRows(page)).toHaveCount(20);
  } finally {
    await setListFault(null);
  }
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "The listing stopped" })).toHaveCount(0, { timeout: 2_000 });
    await expect(roomRows(page)).not.toHaveCount(20, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
});

test("support finds rooms but cannot watch them; a viewer has no Live now", async ({ browser }) => {
  const support = await browser.newContext({ storageState: storageStateOf("support") });
  const page = await support.newPage();
  await page.goto("/live");
  await expect(roomRows(page).first()).toBeVisible();
  await expect(page.getByRole("button", { name: /^Watch / })).toHaveCount(0);
  await support.close();

  const viewer = await browser.newContext({ storageState: storageStateOf("viewer") });
  const viewerPage = await viewer.newPage();
  await viewerPage.goto("/watchlist");
  await expect(viewerPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Live now" })).toHaveCount(0);
  await viewerPage.goto("/live");
  await expect(viewerPage.getByRole("table", { name: "Live rooms" })).toHaveCount(0);
  expect((await viewerPage.request.get("/api/rooms/live")).status()).toBe(403);
  await viewer.close();
});
