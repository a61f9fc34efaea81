import { expect, test } from "./fixtures";

// The window of the per-minute rates (issue: rates that mean something): chosen beside the rate
// charts, kept in the URL, and said in every chart's title. The Chinese wording is held to the
// English by lib/i18n/catalog.test.ts.

const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}` };

test("pick a 5-minute rate window on a room's history: the URL and the chart titles say it", async ({ page }) => {
  const room = "live-0021";
  expect((await page.request.post("/api/watchlist", { data: { roomId: room }, headers: SAME_ORIGIN })).status()).toBe(201);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/rooms/${room}/history`)).json()) as { sampleCount: number }).sampleCount, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(2);

  await page.goto(`/rooms/${room}?chart=rates`);
  const recorded = page.getByRole("region", { name: "Recorded history" });
  const windows = recorded.getByRole("radiogroup", { name: "Rate window" });
  await expect(windows.getByRole("radio", { name: "1 min", exact: true })).toHaveAttribute("aria-checked", "true");
  await expect(recorded.getByRole("figure", { name: "Messages per minute, 1-minute window" })).toBeVisible();

  await windows.getByRole("radio", { name: "5 min", exact: true }).click();
  await expect(page).toHaveURL(/[?&]rateWindow=5m(&|$)/);
  await expect(recorded.getByRole("figure", { name: "Messages per minute, 5-minute window" })).toBeVisible();
  await expect(recorded.getByRole("figure", { name: "Messages per minute, 1-minute window" })).toHaveCount(0);
  await expect(windows.getByRole("radio", { name: "5 min", exact: true })).toHaveAttribute("aria-checked", "true");

  // A shared link opens the same window; the totals charts have no window to choose.
  await page.goto(`/rooms/${room}?chart=rates&rateWindow=15m`);
  await expect(recorded.getByRole("figure", { name: "Viewer arrivals per minute, 15-minute window" })).toBeVisible();
  await recorded.getByRole("radio", { name: "Totals" }).click();
  await expect(recorded.getByRole("radiogroup", { name: "Rate window" })).toHaveCount(0);
});
