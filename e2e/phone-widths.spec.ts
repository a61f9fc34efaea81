import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { expect, test } from "./fixtures";

// Every page at the narrow widths phones have (360 px: small Androids; 390 px: iPhone 12-15; 412 px:
// Pixel 7), in both languages: nothing may push the page sideways. The check is the document's own
// scroll width against the width the phone has; on failure the message names the elements that stick
// out, which is what one fixes. Not against innerWidth alone: a mobile Chromium zooms a page that is
// too wide out until it fits, so innerWidth grows with the page and `scrollWidth <= innerWidth` holds
// for any page (which is how the old 412 px check passed while pages were 40 px too wide).

const WIDTHS = [360, 390, 412] as const;

const OPS_PAGES = ["/", "/live", "/alerts", "/alerts/channels", "/alerts/silences", "/alerts/history", "/rooms/demo-popular", "/rooms/demo-popular/report", "/rooms/demo-html502", "/watchlist", "/compare?rooms=demo-popular,demo-quiet"];
const ADMIN_PAGES = ["/admin/users", "/admin/tokens", "/admin/audit"];

/** How far the page scrolls sideways, and the outermost elements whose right edge passes the viewport. */
async function overflowOf(page: Page, width: number): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate((width) => {
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const rect = el.getBoundingClientRect();
      if (rect.right <= width + 0.5 || rect.width === 0) continue;
      // Only the outermost: a child of an element already listed says nothing new.
      if (el.parentElement && el.parentElement.getBoundingClientRect().right > width + 0.5) continue;
      // Inside something that scrolls or clips on its own, it cannot move the page.
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== "visible") {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      culprits.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} right=${Math.round(rect.right)}`);
    }
    const scrollWidth = Math.max(document.documentElement.scrollWidth, window.innerWidth);
    return { overflow: scrollWidth - width, culprits: culprits.slice(0, 8) };
  }, width);
}

async function settle(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Charts and tables fill in after the first answers.
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(300);
}

// The phone project's browser (a mobile Chromium, touch, its scale factor); the desktop project
// would run the same pages again to no purpose.
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "phone", "phone project only"));

for (const [role, pages] of [["ops", OPS_PAGES], ["admin", ADMIN_PAGES]] as const) {
  for (const locale of ["en-GB", "zh-CN"] as const) {
    test.describe(`@phone as ${role} in ${locale}`, () => {
      test.use({ storageState: storageStateOf(role), locale });
      // Each page loaded once and measured at every width: the layout is the stylesheet's, which a
      // resize applies as a load at that width would, and the charts re-measure on a resize too.
      test(`no page scrolls sideways at ${WIDTHS.join(", ")} px`, async ({ page }) => {
        const failures: string[] = [];
        for (const path of pages) {
          await page.setViewportSize({ width: WIDTHS[0], height: 800 });
          await settle(page, path);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 800 });
            await page.waitForTimeout(200);
            const { overflow, culprits } = await overflowOf(page, width);
            if (overflow > 0) failures.push(`${path} at ${width} px: ${overflow} px too wide (${culprits.join("; ")})`);
          }
        }
        expect(failures).toEqual([]);
      });
    });
  }
}

// The live chart's time labels sit centred on their ticks, and a tick can fall at either end of the
// time axis: the last one was cut at the right edge at 390 px. Where the ticks fall depends on the
// moment, so the check is that the chart leaves room for one at either end: half of every time
// label's width, beside each end of the axis, inside the chart's own box. And every label there is
// now (times and values) must be inside it. In American English, whose times are the longest
// ("7:05:30 PM"), and in Chinese.
const LOCALES = { "en-US": "en", "zh-CN": "zh-CN" } as const;
const LIVE_CHART_TITLE = Object.fromEntries(
  Object.entries(LOCALES).map(([locale, catalog]) => {
    const file = join(import.meta.dirname, "..", "lib", "i18n", "messages", catalog, "room.json");
    return [locale, (JSON.parse(readFileSync(file, "utf8")) as { room: { liveSamples: { title: string } } }).room.liveSamples.title];
  }),
) as Record<keyof typeof LOCALES, string>;

for (const locale of Object.keys(LOCALES) as (keyof typeof LOCALES)[]) {
  test.describe(`@phone the live chart in ${locale}`, () => {
    test.use({ locale });
    test(`keeps its time labels inside the chart at ${WIDTHS.join(", ")} px`, async ({ page }) => {
      await page.goto("/rooms/demo-popular?interval=2");
      const chart = page.getByRole("region", { name: LIVE_CHART_TITLE[locale] }).getByRole("figure");
      // Recharts draws into an svg of its own; its classes are the only handle on the axis inside.
      const svg = chart.locator("svg.recharts-surface");
      await expect(svg.locator("path.recharts-line-curve")).toBeVisible({ timeout: 20_000 });
      const problems: string[] = [];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(500);
        problems.push(
          ...(await svg.evaluate((el, width) => {
            const box = el.getBoundingClientRect();
            const axis = el.querySelector(".recharts-xAxis .recharts-cartesian-axis-line")!.getBoundingClientRect();
            const found: string[] = [];
            for (const label of Array.from(el.querySelectorAll("text"))) {
              if (label.textContent!.trim() === "") continue;
              const r = label.getBoundingClientRect();
              const at = `${width} px: "${label.textContent}" (${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} of ${Math.round(box.width)})`;
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) found.push(`${at} is outside`);
              if (!label.closest(".recharts-xAxis-tick-labels")) continue;
              const half = r.width / 2;
              if (axis.left - half < box.left - 0.5) found.push(`${at} would not fit at the axis's start`);
              if (axis.right + half > box.right + 0.5) found.push(`${at} would not fit at the axis's end`);
            }
            return found;
          }, width)),
        );
      }
      expect(problems).toEqual([]);
    });
  });
}

test.describe("@phone signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const width of WIDTHS) {
    test(`the sign-in page fits ${width} px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 800 });
      await settle(page, "/sign-in");
      expect((await overflowOf(page, width)).overflow).toBeLessThanOrEqual(0);
    });
  }
});
