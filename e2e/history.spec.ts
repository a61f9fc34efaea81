import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";

// Recorded history in Chromium: the watchlist, a chart filling as the recorder works, the report of
// a stream that ended, and its CSV. The stand-in and the console are started by playwright.config.ts
// with the recorder sampling every second.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;

async function simTotals(roomId: string) {
  const res = await fetch(`${SIM}/__sim/rooms/${encodeURIComponent(roomId)}`);
  return ((await res.json()) as { totals: Record<string, number> }).totals;
}

// A script in the page's own context sends its cookie; writes must say they come from the console.
const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}` };

test("put a room on the watchlist and watch its recorded chart fill", async ({ page }) => {
  await page.goto("/watchlist");
  await expect(page.getByRole("heading", { name: "Watchlist", level: 1 })).toBeVisible();
  await page.getByLabel("Room ID").fill("live-0011");
  await page.getByRole("button", { name: "Add to watchlist" }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "live-0011", exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });

  await row.getByRole("link", { name: "live-0011", exact: true }).click();
  await expect(page).toHaveURL(/\/rooms\/live-0011/);
  await expect(page.getByRole("button", { name: "Watching" })).toBeVisible();
  const recorded = page.getByRole("region", { name: "Recorded history" });
  // Samples keep arriving while the page is open, without a reload.
  const count = async () => Number((await recorded.getByText(/^\d+ samples/).textContent())?.match(/^(\d+)/)?.[1] ?? 0);
  await expect.poll(count, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const before = await count();
  await expect.poll(count, { timeout: 30_000 }).toBeGreaterThan(before);
  await expect(recorded.getByRole("figure", { name: "Viewers" }).locator("svg path[data-series]")).toHaveAttribute("d", /^M[^M]*L/);

  // One crosshair for the grid: pointing at one chart shows every chart's exact value then, each in
  // its own chart's caption.
  const viewers = recorded.getByRole("slider", { name: "Viewers over time" });
  await viewers.hover();
  const readout = (name: string) => recorded.getByRole("figure", { name, exact: true }).getByText(/^[\d,]+ at \d{1,2}:\d{2}:\d{2}/);
  await expect(readout("Viewers")).toBeVisible();
  await expect(readout("Messages")).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(readout("Messages")).toBeHidden();
  // And from the keyboard: the chart is a slider over time that reads out the time and the value.
  await viewers.focus();
  await page.keyboard.press("End");
  const last = await viewers.getAttribute("aria-valuetext");
  expect(last).toMatch(/: [\d,]+$/);
  await page.keyboard.press("Home");
  await expect(viewers).not.toHaveAttribute("aria-valuetext", last!);
  await expect(readout("Likes")).toBeVisible();
});

test("the report of an ended stream, and its CSV", async ({ page }) => {
  const room = "live-0012";
  const add = await page.request.post("/api/watchlist", { data: { roomId: room }, headers: SAME_ORIGIN });
  expect(add.status()).toBe(201);
  // Let the recorder take a few samples, then end the stream at the stand-in.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/rooms/${room}/history`)).json()) as { samples: unknown[] }).samples.length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(3);
  expect((await fetch(`${SIM}/__sim/rooms/${room}/end`, { method: "POST" })).status).toBe(200);
  const final = await simTotals(room);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/rooms/${room}/history`)).json()) as { status: string }).status, { timeout: 20_000 })
    .toBe("ended");

  await page.goto(`/rooms/${room}/report`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Report: ${room}`);
  await expect(page.getByText("Ended", { exact: true }).first()).toBeVisible();
  // The stand-in froze its totals when the stream ended; the report's last recorded sample may
  // predate that by up to one cadence, so compare against its own figures exactly via the CSV below.
  await expect(page.getByText(/Messages per minute/).first()).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`roomscope-${room}.csv`);
  const bytes = readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  // Readable headers in the reader's language (scripts ask for machine names with ?header=names).
  expect(lines[0]).toBe("Time (UTC),Viewers,Gifts sent,Gift coins,Unique gift senders,Likes,Messages");
  expect(lines.length).toBeGreaterThanOrEqual(4);
  const last = lines.at(-1)!.split(",");
  // Totals never go backwards, and the last recorded ones never exceed the stream's final totals.
  expect(Number(last[1])).toBeLessThanOrEqual(final.TotalViewers!);
  expect(Number(last[6])).toBeLessThanOrEqual(final.TotalMsgCount!);
  const viewers = lines.slice(1).map((l) => Number(l.split(",")[1]));
  expect(viewers).toEqual([...viewers].sort((a, b) => a - b));
  // The report's final totals are the CSV's last row.
  const messagesTile = page
    .getByRole("region", { name: /Final totals/ })
    .locator("div")
    .filter({ has: page.getByText("Messages", { exact: true }) });
  await expect(messagesTile.getByRole("definition")).toHaveText(Number(last[6]).toLocaleString("en-US"));
});

test("a room never recorded gets an honest report page", async ({ page }) => {
  await page.goto("/rooms/never-recorded-room/report");
  await expect(page.getByText(/watchlist/i).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Add to watchlist" })).toBeVisible();
});

test("a custom time range: refused when backwards, kept in the URL when applied", async ({ page }) => {
  const room = "live-0013";
  expect((await page.request.post("/api/watchlist", { data: { roomId: room }, headers: SAME_ORIGIN })).status()).toBe(201);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/rooms/${room}/history`)).json()) as { sampleCount: number }).sampleCount, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(3);

  await page.goto(`/rooms/${room}?range=15m`);
  const recorded = page.getByRole("region", { name: "Recorded history" });
  await recorded.getByRole("radio", { name: "Custom" }).click();
  // It starts from the window that was on screen: the last 15 minutes.
  const from = recorded.getByLabel("From", { exact: true });
  const to = recorded.getByLabel("To", { exact: true });
  await expect(from).not.toHaveValue("");
  const [start, end] = [Date.parse(await from.inputValue()), Date.parse(await to.inputValue())];
  expect(end - start).toBeGreaterThanOrEqual(14 * 60_000);
  expect(end - start).toBeLessThanOrEqual(16 * 60_000);
  await expect(page).toHaveURL(/range=custom&from=[^&]+&to=/);

  await from.fill(await to.inputValue());
  await recorded.getByRole("button", { name: "Show range" }).click();
  await expect(recorded.getByText("The start must be before the end.")).toBeVisible();
  await expect(from).toHaveAttribute("aria-invalid", "true");

  // The last 30 minutes, in the browser's local time.
  const local = (ms: number) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const now = Date.now();
  await from.fill(local(now - 30 * 60_000));
  await to.fill(local(now + 60_000));
  await recorded.getByRole("button", { name: "Show range" }).click();
  await expect(recorded.getByText("The start must be before the end.")).toBeHidden();
  await expect(recorded.getByRole("figure", { name: "Viewers" }).locator("svg path[data-series]")).toHaveAttribute("d", /^M[^M]*L/);

  // A shared link opens the same window.
  const url = new URL(page.url());
  expect(url.searchParams.get("range")).toBe("custom");
  expect(Date.parse(url.searchParams.get("to")!) - Date.parse(url.searchParams.get("from")!)).toBe(31 * 60_000);
  await page.goto(url.pathname + url.search);
  await expect(page.getByRole("region", { name: "Recorded history" }).getByRole("radio", { name: "Custom" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("region", { name: "Recorded history" }).getByLabel("From", { exact: true })).toHaveValue(local(Date.parse(url.searchParams.get("from")!)));
});
