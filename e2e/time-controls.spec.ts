import type { Page, Request } from "@playwright/test";
import { expect, test } from "./fixtures";
import { samples, watch } from "./recording";

// The time controls every page with data over time has (room, report, watchlist, compare): the
// range picker with presets, shift and zoom out, drag across a chart to zoom, the refresh picker,
// and a pause that stops every refresh on the page and shows it. The stand-in and the console are
// started by playwright.config.ts with the recorder sampling every second.

/**
 * The rooms of this file, all put on the watchlist by whichever test runs first (adding is
 * idempotent), so each has recorded long enough by the time its test needs it.
 */
const ROOMS = { zoom: "live-0091", pause: "live-0092", report: "live-0093", watchlist: "live-0094", compare: ["live-0095", "live-0096"] } as const;
const ALL_ROOMS = Object.values(ROOMS).flat();

/** Every request the page makes to the console's API from now on, by path. */
function apiRequests(page: Page): { paths: () => string[]; requests: Request[] } {
  const requests: Request[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname.startsWith("/api/")) requests.push(req);
  });
  return { requests, paths: () => requests.map((r) => new URL(r.url()).pathname) };
}

const windowOf = (page: Page) => {
  const url = new URL(page.url());
  return { range: url.searchParams.get("range"), from: Date.parse(url.searchParams.get("from") ?? ""), to: Date.parse(url.searchParams.get("to") ?? "") };
};

/** Drags the mouse across an element from one fraction of its width to another. */
async function dragAcross(page: Page, target: ReturnType<Page["locator"]>, from: number, to: number) {
  // The mouse moves in the viewport's coordinates.
  await target.scrollIntoViewIfNeeded();
  const box = (await target.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
}

test("a room page: drag across a chart zooms into that time, the link keeps it, zoom out widens it", async ({ page }) => {
  const room = ROOMS.zoom;
  await watch(page, ALL_ROOMS);
  await expect.poll(() => samples(page, room), { timeout: 45_000 }).toBeGreaterThanOrEqual(30);
  await page.goto(`/rooms/${room}?range=15m`);
  const recorded = page.getByRole("region", { name: "Recorded history" });
  const viewers = recorded.getByRole("slider", { name: "Viewers over time" });
  await expect(viewers.locator("svg path[data-series]")).toHaveAttribute("d", /^M[^M]*L/);

  // The plot's time axis spans its first to last sample; a drag over its middle selects a part of it.
  const [min, max] = [Number(await viewers.getAttribute("aria-valuemin")), Number(await viewers.getAttribute("aria-valuemax"))];
  await dragAcross(page, viewers, 0.3, 0.8);
  await expect(page).toHaveURL(/range=custom/);
  const zoomed = windowOf(page);
  expect(zoomed.from).toBeGreaterThan(min);
  expect(zoomed.to).toBeLessThan(max);
  expect(zoomed.to - zoomed.from).toBeGreaterThanOrEqual(10_000);
  await expect(recorded.getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");

  // A shared link opens the same view: the same window, in the custom fields too.
  const link = page.url();
  await page.goto(link);
  await expect(recorded.getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");
  await expect(recorded.getByLabel("From")).not.toHaveValue("");
  expect(windowOf(page)).toEqual(zoomed);

  // Zoom out doubles the window around its middle, never past now; a preset becomes the next longer one.
  await recorded.getByRole("button", { name: "Zoom out" }).click();
  await expect.poll(() => windowOf(page).to - windowOf(page).from).toBe(2 * (zoomed.to - zoomed.from));
  await recorded.getByRole("radio", { name: "15 min" }).click();
  await recorded.getByRole("button", { name: "Zoom out" }).click();
  // The room page's default range, which its links leave out.
  await expect(recorded.getByRole("radio", { name: "1 hour" })).toHaveAttribute("aria-checked", "true");
  await expect(page).not.toHaveURL(/range=/);

  // Earlier and Later step by the window's length; Later stops at now.
  await recorded.getByRole("button", { name: "Earlier" }).click();
  await expect(page).toHaveURL(/range=custom/);
  const earlier = windowOf(page);
  expect(earlier.to - earlier.from).toBe(3_600_000);
  await recorded.getByRole("button", { name: "Later" }).click();
  await expect.poll(() => windowOf(page).from).toBe(earlier.to);
  await expect(recorded.getByRole("button", { name: "Later" })).toBeDisabled();
});

test("pausing a room page stops every refresh, recorded history included, and says so", async ({ page }) => {
  const room = ROOMS.pause;
  await watch(page, ALL_ROOMS);
  await expect.poll(() => samples(page, room), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const api = apiRequests(page);
  await page.goto(`/rooms/${room}?interval=2`);
  await expect(page.getByText("Live", { exact: true })).toBeVisible();
  // Live, both refresh: the figures every 2 s, the recording every 10 s.
  await expect.poll(() => api.paths().filter((p) => p.endsWith("/history")).length, { timeout: 25_000 }).toBeGreaterThanOrEqual(2);

  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page).toHaveURL(/paused=1/);
  const notice = page.getByRole("status").filter({ hasText: "Updates paused" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/\d{1,2}:\d{2}:\d{2}/);
  const before = api.requests.length;
  // Longer than the history's 10 s and five of the figures' intervals: nothing at all is asked.
  await page.waitForTimeout(12_000);
  expect(api.paths().slice(before).filter((p) => p.startsWith(`/api/rooms/${room}`))).toEqual([]);

  // A reload keeps it paused; Resume (in the notice) asks at once, for both.
  await page.reload();
  await expect(notice).toBeVisible();
  const resumed = api.requests.length;
  await notice.getByRole("button", { name: "Resume updates" }).click();
  await expect(page).not.toHaveURL(/paused=1/);
  await expect(notice).toBeHidden();
  await expect.poll(() => api.paths().slice(resumed).filter((p) => p.endsWith("/stats")).length).toBeGreaterThanOrEqual(1);
  await expect.poll(() => api.paths().slice(resumed).filter((p) => p.endsWith("/history")).length).toBeGreaterThanOrEqual(1);
});

test("the report: a range, a drag to zoom, the refresh picker and pause, all in its link", async ({ page }) => {
  const room = ROOMS.report;
  await watch(page, ALL_ROOMS);
  await expect.poll(() => samples(page, room), { timeout: 45_000 }).toBeGreaterThanOrEqual(30);
  const api = apiRequests(page);
  await page.goto(`/rooms/${room}/report`);
  await expect(page.getByRole("radio", { name: "Whole stream" })).toHaveAttribute("aria-checked", "true");
  const samplesFigure = page.locator("dt", { hasText: /^Samples$/ }).locator("xpath=following-sibling::dd[1]");
  const all = Number((await samplesFigure.textContent())!.replace(/,/g, ""));

  // Zooming into a chart makes the report one of that window: fewer samples, its times in the link.
  const viewers = page.getByRole("slider", { name: "Viewers over time" });
  await dragAcross(page, viewers, 0.2, 0.6);
  await expect(page).toHaveURL(/range=custom/);
  const zoomed = windowOf(page);
  await expect.poll(async () => Number((await samplesFigure.textContent())!.replace(/,/g, ""))).toBeLessThan(all);
  const asked = api.requests.filter((r) => r.url().includes("/report?")).map((r) => new URL(r.url()).searchParams);
  expect(asked.some((q) => Date.parse(q.get("from")!) === zoomed.from && Date.parse(q.get("to")!) === zoomed.to)).toBe(true);
  // The room page link keeps the window.
  await expect(page.getByRole("link", { name: "Room page" })).toHaveAttribute("href", /range=custom&from=/);

  // The refresh picker and pause are in the link too.
  await page.getByLabel("Refresh interval").selectOption("60");
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page).toHaveURL(/refresh=60&paused=1/);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Updates paused" })).toBeVisible();
  await expect(page.getByLabel("Refresh interval")).toHaveValue("60");
  await expect(page.getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");
});

test("the watchlist: the range its sparklines cover, and a pause that stops its refresh", async ({ page }) => {
  await watch(page, ALL_ROOMS);
  const api = apiRequests(page);
  await page.goto("/watchlist");
  await expect(page.getByRole("columnheader", { name: "Messages/min, 1 hour" })).toBeVisible();
  // No "Whole stream" here: rooms' recordings start at different times.
  await expect(page.getByRole("radio", { name: "Whole stream" })).toHaveCount(0);
  await page.getByRole("radio", { name: "6 hours" }).click();
  await expect(page).toHaveURL(/range=6h/);
  await expect(page.getByRole("columnheader", { name: "Messages/min, 6 hours" })).toBeVisible();
  const overview = () => api.requests.filter((r) => new URL(r.url()).pathname === "/api/rooms");
  await expect.poll(() => overview().some((r) => Date.now() - Date.parse(new URL(r.url()).searchParams.get("from")!) > 5.9 * 3_600_000)).toBe(true);

  // Space pauses (on the page: a focused button takes Space for itself).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(" ");
  await expect(page).toHaveURL(/paused=1/);
  await expect(page.getByRole("status").filter({ hasText: "Updates paused" })).toBeVisible();
  const before = overview().length;
  await page.waitForTimeout(12_000);
  expect(overview().length).toBe(before);
});

test("compare: the range and pause in the link, and a drag across a chart zooms every chart", async ({ page }) => {
  const rooms = ROOMS.compare;
  await watch(page, ALL_ROOMS);
  await expect.poll(() => samples(page, rooms[1]!), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
  await page.goto(`/compare?rooms=${rooms.join(",")}`);
  const viewers = page.getByRole("figure", { name: "Viewers", exact: true });
  await expect(viewers.locator(".recharts-line path").first()).toHaveAttribute("d", /^M.*L/);
  await dragAcross(page, viewers.locator(".recharts-wrapper"), 0.3, 0.8);
  await expect(page).toHaveURL(/range=custom&from=/);
  await expect(page.getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");

  await page.getByRole("radio", { name: "15 min" }).click();
  await expect(page).toHaveURL(/range=15m/);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page).toHaveURL(/paused=1/);
  await expect(page.getByRole("status").filter({ hasText: "Updates paused" })).toBeVisible();
});
