import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { SERIES_COLORS } from "../components/charts/chart-theme";
import { storageStateOf } from "./accounts";
import { expect, test } from "./fixtures";

// Comparing a big room with a small one (the stand-in's demo-popular, about 240 viewers a minute
// for 2.5 hours, and demo-quiet, about 3 a minute for 40 minutes): on one linear axis the small
// room lies flat on the floor of every chart; indexed to its start, or on a log axis, it has a line
// to read. The console records a room as soon as someone looks it up (RECORD_VIEWED_HOURS).

const zhCompare = JSON.parse(readFileSync(join(import.meta.dirname, "..", "lib", "i18n", "messages", "zh-CN", "compare.json"), "utf8")) as {
  compare: { scale: { label: string; index: string }; note: { index: string } };
};
const ROOMS = ["demo-popular", "demo-quiet"] as const;
const COMPARE = `/compare?rooms=${ROOMS.join(",")}`;

/** Looks both rooms up, then waits until the small room's likes have moved within its recording. */
async function recordBoth(page: Page) {
  for (const room of ROOMS) expect((await page.request.get(`/api/rooms/${room}/stats`)).status()).toBe(200);
  await expect
    .poll(
      async () => {
        const { samples } = (await (await page.request.get("/api/rooms/demo-quiet/history")).json()) as { samples: { totalLikesReceived: number }[] };
        return samples.length >= 3 ? samples.at(-1)!.totalLikesReceived - samples[0]!.totalLikesReceived : 0;
      },
      { timeout: 50_000, intervals: [1_000] },
    )
    .toBeGreaterThan(0);
}

/** A room's line in a chart (the colour of its place in the list): its height and how far above the plot's floor it runs, in px. */
async function geometry(chart: Locator, index: number) {
  const line = chart.locator(`path.recharts-line-curve[stroke="${SERIES_COLORS[index]}"]`);
  const floor = chart.locator(".recharts-xAxis line.recharts-cartesian-axis-line");
  // The points of the path as drawn (its d attribute), in the SVG's own pixels.
  const ys = (await line.getAttribute("d"))!.match(/[ML][^ML]+/g)!.map((step) => Number(step.slice(1).split(",")[1]));
  const bottom = Number(await floor.getAttribute("y1"));
  return { height: Math.max(...ys) - Math.min(...ys), aboveFloor: bottom - Math.max(...ys) };
}

test.describe.configure({ timeout: 120_000 });

test("a big and a small room compared indexed to their start and on a log scale", async ({ page }) => {
  // Rates need a full minute of recording (the rate window) before they have a line.
  test.setTimeout(150_000);
  const problems: string[] = [];
  page.on("console", (m) => (m.type() === "error" ? problems.push(m.text()) : undefined));
  page.on("pageerror", (e) => problems.push(e.message));
  await recordBoth(page);
  await page.goto(COMPARE);
  await expect(page.getByRole("heading", { name: "Compare rooms", level: 1 })).toBeVisible();

  // One legend for the grid, with both rooms; no chart has one of its own.
  const legend = page.getByRole("list", { name: "Rooms compared" });
  await expect(legend).toHaveCount(1);
  await expect(legend.getByRole("link")).toHaveText([...ROOMS]);
  await expect(page.getByRole("figure")).toHaveCount(6);
  await expect(page.getByRole("figure").getByRole("list")).toHaveCount(0);

  const likes = page.getByRole("figure", { name: "Likes", exact: true });
  await expect(likes.locator("path.recharts-line-curve")).toHaveCount(2);
  const shot = async (name: string) => (process.env.E2E_SCREENSHOTS ? page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}-${name}.png`, fullPage: true }) : undefined);
  await shot("absolute");
  // Absolute: a few hundred likes beside hundreds of thousands draw a flat line on the floor.
  const absolute = await geometry(likes, 1);
  expect(absolute.height).toBeLessThanOrEqual(2);
  expect(absolute.aboveFloor).toBeLessThanOrEqual(2);

  const scale = page.getByRole("radiogroup", { name: "Scale" });
  await expect(scale.getByRole("radio", { name: "Absolute" })).toHaveAttribute("aria-checked", "true");
  await scale.getByRole("radio", { name: "Index (start = 100)" }).click();
  await expect(page).toHaveURL(/\/compare\?rooms=demo-popular,demo-quiet&scale=index$/);
  await expect(scale.getByRole("radio", { name: "Index (start = 100)" })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByText(/^Index: each room's value divided by its value at the start/)).toBeVisible();
  await expect(legend).toHaveCount(1);
  // Indexed, the small room's likes rise through the chart like the big room's.
  await expect.poll(async () => (await geometry(likes, 1)).height).toBeGreaterThan(20);
  await shot("index");
  // Its tooltip gives the index and the recorded figure.
  const plot = likes.locator(".recharts-surface");
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
  await expect(likes.getByText(/^demo-quiet: index [\d.,]+ · [\d,]+$/)).toBeVisible();
  await expect(likes.getByText(/^demo-popular: index [\d.,]+ · [\d,]+$/)).toBeVisible();
  await page.mouse.move(0, 0);

  await scale.getByRole("radio", { name: "Log" }).click();
  await expect(page).toHaveURL(/\/compare\?rooms=demo-popular,demo-quiet&scale=log$/);
  await expect(page.getByText(/^Log scale: every tenfold step takes the same height/)).toBeVisible();
  await shot("log");
  // Whole decades on the value axis, and the small room's line well off the floor.
  await expect(likes.locator(".recharts-yAxis-tick-labels").getByText("1K", { exact: true })).toBeVisible();
  await expect(likes.locator(".recharts-yAxis-tick-labels").getByText("100K", { exact: true })).toBeVisible();
  await expect.poll(async () => (await geometry(likes, 1)).aboveFloor).toBeGreaterThan(8);

  // The other controls keep the scale, and the scale survives a reload (the URL is the state).
  // Both rooms' creation times are known (get_room_info), so their lines start at each stream's start.
  const align = page.getByRole("radiogroup", { name: "Align by" });
  await expect(align.getByRole("radio", { name: "Since stream start" })).toBeVisible();
  await align.getByRole("radio", { name: "Since stream start" }).click();
  await expect(page).toHaveURL(/\/compare\?rooms=demo-popular,demo-quiet&align=start&scale=log$/);
  await page.reload();
  await expect(scale.getByRole("radio", { name: "Log" })).toHaveAttribute("aria-checked", "true");
  await expect(likes.locator(".recharts-yAxis-tick-labels").getByText("100K", { exact: true })).toBeVisible();

  // Per-minute rates of a small room are often zero, which a log axis leaves out, and says so.
  await page.getByRole("radiogroup", { name: "Show" }).getByRole("radio", { name: "Per minute" }).click();
  await expect(page).toHaveURL(/\/compare\?rooms=demo-popular,demo-quiet&align=start&series=rates&scale=log$/);
  await expect(page.getByRole("figure", { name: "Likes per minute, 1-minute window" }).locator("path.recharts-line-curve")).toHaveCount(2, { timeout: 90_000 });
  await expect(page.getByText(/^Zero has no place on a log scale: [\d,]+ values? of zero (is|are) left out of the lines\.$/)).toBeVisible();
  expect(problems).toEqual([]);
});

test("percent of peak, and the page in Chinese, light and dark", async ({ browser }) => {
  // Screenshots for a person to look at, when asked for: E2E_SCREENSHOTS=/tmp/compare
  const shots = process.env.E2E_SCREENSHOTS;
  for (const [locale, colorScheme, width] of [
    ["en-GB", "light", 1440],
    ["en-GB", "dark", 1440],
    ["zh-CN", "light", 1440],
    ["zh-CN", "dark", 1440],
    ["zh-CN", "light", 390],
    ["en-GB", "dark", 390],
  ] as const) {
    const context = await browser.newContext({ locale, colorScheme, viewport: { width, height: 1100 }, storageState: storageStateOf("ops") });
    const page = await context.newPage();
    if (locale === "en-GB" && colorScheme === "light") await recordBoth(page);
    await page.goto(`${COMPARE}&scale=${locale === "zh-CN" ? "index" : "peak"}`);
    const scale = page.getByRole("radiogroup", { name: locale === "zh-CN" ? zhCompare.compare.scale.label : "Scale" });
    if (locale === "zh-CN") {
      await expect(scale.getByRole("radio", { name: zhCompare.compare.scale.index })).toHaveAttribute("aria-checked", "true");
      await expect(page.getByText(zhCompare.compare.note.index)).toBeVisible();
    } else {
      await expect(scale.getByRole("radio", { name: "% of peak" })).toHaveAttribute("aria-checked", "true");
      await expect(page.getByText(/^Percent of peak:/)).toBeVisible();
    }
    await expect(page.getByRole("figure").first().locator("path.recharts-line-curve")).toHaveCount(2);
    if (shots) {
      const name = `${shots}-${locale}-${colorScheme}-${width}`;
      await page.screenshot({ path: `${name}.png`, fullPage: true });
      const chart = page.getByRole("figure").nth(4);
      const box = (await chart.locator(".recharts-surface").boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
      await chart.screenshot({ path: `${name}-tooltip.png` });
    }
    await context.close();
  }
});
