import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { samples, watch } from "./recording";

// Wall mode (?kiosk=1) on the watchlist and on a room, and the keyboard shortcuts, in Chromium
// against the stand-in. Rooms are put on the watchlist through the API as the ops user the
// browser is signed in as; other specs' rooms share the watchlist, so nothing here counts on
// being alone on it.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;
/** The computed font size of an element, in CSS pixels. */
const fontSize = (page: Page, selector: ReturnType<Page["locator"]>) => selector.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test.use({ viewport: { width: 1920, height: 1080 } });

test("the watchlist on a wall: no chrome, a tile per room with its big figure, ended and stale rooms unmistakable, Esc leaves", async ({ page }) => {
  await watch(page, ["live-0031", "live-0032", "demo-down"]);
  await expect.poll(() => samples(page, "live-0032"), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect((await fetch(`${SIM}/__sim/rooms/live-0032/end`, { method: "POST" })).status).toBe(200);

  await page.goto("/watchlist?sort=roomId&dir=desc&kiosk=1");
  const wall = page.getByRole("main", { name: "Watchlist" });
  await expect(wall).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  const live = wall.getByRole("article", { name: "live-0031" });
  await expect(live).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  await expect(live.getByText("Live", { exact: true })).toBeVisible();
  const figure = live.locator("[data-figure=totalViewers]");
  await expect(figure).toHaveText(/^[\d,]+$/);
  // Readable across a room: the main figure is at least 48 px on a 1080p screen.
  expect(await fontSize(page, figure)).toBeGreaterThanOrEqual(48);

  // An ended room says so in words, not only in colour, and so does one whose recording fails.
  const ended = wall.getByRole("article", { name: "live-0032" });
  await expect(ended).toHaveAttribute("data-state", "ended", { timeout: 20_000 });
  await expect(ended.getByText("Ended", { exact: true })).toBeVisible();
  await expect(ended.getByText(/Stream over/)).toBeVisible();
  const down = wall.getByRole("article", { name: "demo-down" });
  await expect(down).toHaveAttribute("data-state", "stale", { timeout: 20_000 });
  await expect(down.getByText("Stale", { exact: true })).toBeVisible();
  await expect(down.getByText(/Recording failed/)).toBeVisible();

  // Esc leaves for the same page, sorted the same way, with its chrome back.
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/watchlist\?sort=roomId&dir=desc$/);
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Watchlist", level: 1 })).toBeVisible();

  // k goes back in, and the small exit button (for a touch screen) leaves too.
  await page.keyboard.press("k");
  await expect(page).toHaveURL(/kiosk=1/);
  await page.getByRole("button", { name: "Exit wall mode" }).click();
  await expect(page).not.toHaveURL(/kiosk/);
  await expect(page.getByRole("heading", { name: "Watchlist", level: 1 })).toBeVisible();
});

test("a failed refresh shows on the wall's tiles while the previous figures stay", async ({ page }) => {
  await watch(page, ["live-0033"]);
  await page.goto("/watchlist?kiosk=1");
  const tile = page.getByRole("article", { name: "live-0033" });
  await expect(tile).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  const before = await tile.locator("[data-figure=totalViewers]").textContent();

  await page.route(/\/api\/rooms\?watchlist=1/, (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "upstream_unavailable", message: "Unavailable", requestId: null } }) }),
  );
  await expect(tile).toHaveAttribute("data-state", "stale", { timeout: 30_000 });
  await expect(tile.getByText(/This screen could not refresh/)).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Refresh failed" })).toBeVisible();
  await expect(tile.locator("[data-figure=totalViewers]")).toHaveText(before!);

  await page.unroute(/\/api\/rooms\?watchlist=1/);
  await expect(tile).toHaveAttribute("data-state", "live", { timeout: 30_000 });
});

test("more rooms than fit: the wall pages through them on its own", async ({ page }) => {
  test.setTimeout(90_000);
  await watch(page, Array.from({ length: 16 }, (_, i) => `live-${String(41 + i).padStart(4, "0")}`));
  await page.goto("/watchlist?kiosk=1");
  const wall = page.getByRole("main", { name: "Watchlist" });
  const indicator = wall.getByText(/^Page \d+ of \d+$/);
  await expect(indicator).toHaveText(/^Page 1 of [2-9]$/);
  const pages = Number((await indicator.textContent())!.match(/of (\d+)/)![1]);
  // 4 × 3 tiles at 1920 × 1080.
  await expect(wall.getByRole("article")).toHaveCount(12);
  const first = await wall.getByRole("article").allTextContents();

  await expect(indicator).toHaveText(`Page 2 of ${pages}`, { timeout: 15_000 });
  const second = await wall.getByRole("article").allTextContents();
  expect(second.length).toBeGreaterThan(0);
  expect(second.length).toBeLessThanOrEqual(12);
  expect(second.filter((text) => first.includes(text))).toEqual([]);
});

test("a room on a wall: k in, the big figures and its status, Esc and the exit button out", async ({ page }) => {
  await page.goto("/rooms/demo-popular?interval=2&range=6h");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  await page.keyboard.press("k");
  await expect(page).toHaveURL(/\/rooms\/demo-popular\?interval=2&range=6h&kiosk=1$/);
  await expect(page.getByRole("banner")).toHaveCount(0);
  const wall = page.getByRole("region", { name: "demo-popular" });
  await expect(wall).toHaveAttribute("data-state", "live");
  const figure = wall.locator("[data-figure=totalViewers]");
  await expect(figure).toHaveText(/^[\d,]+$/);
  expect(await fontSize(page, figure)).toBeGreaterThanOrEqual(96);
  for (const label of ["Messages", "Likes", "Gift coins"]) await expect(wall.getByText(label, { exact: true })).toBeVisible();

  // Space pauses in wall mode too, and says so.
  await page.keyboard.press(" ");
  await expect(wall).toHaveAttribute("data-state", "paused");
  await expect(wall.getByText("Paused", { exact: true })).toBeVisible();
  await page.keyboard.press(" ");
  await expect(wall).toHaveAttribute("data-state", "live");

  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/rooms\/demo-popular\?interval=2&range=6h$/);
  await expect(page.getByRole("banner")).toBeVisible();

  // Opened from a bookmark, and left with the exit button.
  await page.goto("/rooms/demo-popular?kiosk=1");
  await expect(page.getByRole("region", { name: "demo-popular" })).toBeVisible();
  await page.getByRole("button", { name: "Exit wall mode" }).click();
  await expect(page).toHaveURL(/\/rooms\/demo-popular$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("demo-popular");
});

test("an ended room's wall says it ended", async ({ page }) => {
  await watch(page, ["live-0034"]);
  await expect.poll(() => samples(page, "live-0034"), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect((await fetch(`${SIM}/__sim/rooms/live-0034/end`, { method: "POST" })).status).toBe(200);
  await page.goto("/rooms/live-0034?kiosk=1");
  const wall = page.getByRole("region", { name: "live-0034" });
  await expect(wall).toHaveAttribute("data-state", "ended", { timeout: 20_000 });
  await expect(wall.getByText("Ended", { exact: true })).toBeVisible();
  await expect(wall.locator("[data-figure=totalViewers]")).toHaveText(/^[\d,]+$/);
});

test("keyboard shortcuts on a room page: the list, pause, refresh, ranges and shifting them", async ({ page }) => {
  await watch(page, ["live-0035"]);
  await expect.poll(() => samples(page, "live-0035"), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await page.goto("/rooms/live-0035?range=15m");
  await expect(page.getByText("Live", { exact: true })).toBeVisible();

  // ? lists what applies here; Esc closes it and focus goes back where it was.
  const refresh = page.getByRole("button", { name: "Refresh now" });
  await refresh.focus();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  for (const label of ["Pause updates", "Refresh now", "Time range: 6 hours", "Time range: the same length earlier", "Time range: zoom out", "Wall mode", "Go to the watchlist", "Go to compare"]) {
    await expect(dialog.getByText(label, { exact: true })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(refresh).toBeFocused();
  // Space on a focused button presses it; the shortcut is for the page.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // Space pauses and resumes.
  await page.keyboard.press(" ");
  await expect(page).toHaveURL(/paused=1/);
  await expect(page.getByText("Paused", { exact: true })).toBeVisible();

  // r fetches now, even while paused.
  const fetched = page.waitForRequest((req) => req.url().includes("/api/rooms/live-0035/stats"));
  await page.keyboard.press("r");
  await fetched;
  await page.keyboard.press(" ");
  await expect(page).not.toHaveURL(/paused=1/);

  // t then a digit picks a range.
  const recorded = page.getByRole("region", { name: "Recorded history" });
  await page.keyboard.press("t");
  await page.keyboard.press("3");
  await expect(page).toHaveURL(/range=6h/);
  await expect(recorded.getByRole("radio", { name: "6 hours" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("t");
  await page.keyboard.press("5");
  await expect(page).toHaveURL(/range=all/);
  await page.keyboard.press("t");
  await page.keyboard.press("1");
  await expect(page).toHaveURL(/range=15m/);

  // ← turns the preset into the 15 minutes before it; → comes back to now.
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/range=custom/);
  const windowOf = () => {
    const url = new URL(page.url());
    return { from: Date.parse(url.searchParams.get("from")!), to: Date.parse(url.searchParams.get("to")!) };
  };
  let w = windowOf();
  expect(w.to - w.from).toBe(15 * 60_000);
  expect(Date.now() - w.to).toBeGreaterThanOrEqual(14 * 60_000);
  expect(Date.now() - w.to).toBeLessThan(17 * 60_000);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => windowOf().to).toBe(w.from);
  w = windowOf();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => windowOf().from).toBe(w.to);
  expect(windowOf().to - windowOf().from).toBe(15 * 60_000);

  // g then w, g then c.
  await page.keyboard.press("g");
  await page.keyboard.press("w");
  await expect(page).toHaveURL(/\/watchlist$/);
  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/compare/);
});

test("/ goes to the RoomId search, and keys typed into a field stay there", async ({ page }) => {
  await page.goto("/watchlist");
  await expect(page.getByRole("heading", { name: "Watchlist", level: 1 })).toBeVisible();
  // A page without the search sends "/" to the one on the home page.
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/$/);
  const search = page.getByRole("search").getByLabel("Room ID");
  await expect(search).toBeFocused();
  await search.blur();
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");

  // Typing shortcut keys into the field types them.
  await search.pressSequentially("r/gwk? t1");
  await expect(search).toHaveValue("r/gwk? t1");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // The watchlist's own field too: k there does not open the wall.
  await page.goto("/watchlist");
  const add = page.getByLabel("Room ID");
  await add.pressSequentially("kr");
  await expect(add).toHaveValue("kr");
  await expect(page).not.toHaveURL(/kiosk/);
  // And keys with a modifier belong to the browser.
  await add.blur();
  await page.keyboard.press("Control+k");
  await expect(page).not.toHaveURL(/kiosk/);
});
