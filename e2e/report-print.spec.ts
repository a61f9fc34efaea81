import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./fixtures";
import { compactText, readPdf, type PdfPage } from "./pdf-text";

// The report as it comes out of the printer: what the Print button gives (Chromium's print at its
// default 100 % on the A4 the page asks for), read back from the PDF with PDF.js. Every page says
// which room, range and zone it belongs to, no text is smaller than 8 pt, no page is blank, and a
// page never starts inside a section. In the desktop project and again in Chinese (zh-CN, Asia/Shanghai).
// PRINT_PDF_DIR=<folder> keeps a copy of each PDF, to look at.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;
/** A room no other spec uses: this one ends its stream at the stand-in. */
const ROOM = "live-0050";
/** Enough recording for the per-minute charts (a 1-minute window) to draw a line. */
const RECORDED_MS = 80_000;
const MIN_PT = 8;

interface ReportAnswer {
  status: string;
  /** Times as the API gives them, ISO 8601. */
  report: { startedAt: string; endedAt: string; durationMs: number } | null;
}

async function reportOf(request: APIRequestContext): Promise<ReportAnswer> {
  return (await (await request.get(`/api/rooms/${ROOM}/report`)).json()) as ReportAnswer;
}

/** The room recorded for RECORDED_MS and then ended at the stand-in, so its report stops moving (once a run). */
async function endedRecording(request: APIRequestContext): Promise<NonNullable<ReportAnswer["report"]>> {
  let answer = await reportOf(request);
  if (answer.status !== "ended") {
    // A lookup: the recorder records rooms looked up in the last hours.
    expect((await request.get(`/api/rooms/${ROOM}/stats`)).status()).toBe(200);
    await expect.poll(async () => (await reportOf(request)).report?.durationMs ?? 0, { timeout: RECORDED_MS + 30_000, intervals: [2_000] }).toBeGreaterThanOrEqual(RECORDED_MS);
    expect((await fetch(`${SIM}/__sim/rooms/${ROOM}/end`, { method: "POST" })).status).toBe(200);
    await expect.poll(async () => (answer = await reportOf(request)).status, { timeout: 20_000 }).toBe("ended");
  }
  return answer.report!;
}

const compact = (text: string) => text.replace(/\s+/g, "");

/** The report page loaded, its charts drawn. */
async function openReport(page: Page) {
  await page.goto(`/rooms/${ROOM}/report`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ROOM);
  await expect(page.locator("figure svg path[data-series]").first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Print|打印/ })).toBeVisible();
}

/** What the printed pages should repeat, read from the page: the header's text and its two times. */
async function headerOf(page: Page) {
  const header = page.locator("[data-print-header]");
  const times = await header.locator("time").evaluateAll((els) => els.map((el) => ({ iso: el.getAttribute("datetime"), text: el.textContent ?? "" })));
  return { text: (await header.textContent()) ?? "", times };
}

/** Prints the page as the Print button does, keeps the PDF beside the test's results, and reads it. */
async function print(page: Page, testInfo: TestInfo, name: string): Promise<PdfPage[]> {
  const bytes = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const file = testInfo.outputPath(`${name}.pdf`);
  writeFileSync(file, bytes);
  await testInfo.attach(name, { path: file, contentType: "application/pdf" });
  if (process.env.PRINT_PDF_DIR) {
    mkdirSync(process.env.PRINT_PDF_DIR, { recursive: true });
    copyFileSync(file, join(process.env.PRINT_PDF_DIR, `${testInfo.project.name}-${name}.pdf`));
  }
  return readPdf(bytes);
}

/** The checks every printout of the report must pass; returns what was measured. */
async function expectGoodPrintout(page: Page, pages: PdfPage[], report: NonNullable<ReportAnswer["report"]>) {
  const header = await headerOf(page);
  expect(header.times.map((t) => t.iso)).toEqual([new Date(report.startedAt).toISOString(), new Date(report.endedAt).toISOString()]);
  expect(header.text).toContain(ROOM);
  // The zone's short name in the page's language, as the browser's own Intl says it ("UTC", "GMT+8").
  const zone = await page.evaluate(
    (t) => new Intl.DateTimeFormat(document.documentElement.lang, { timeZoneName: "short" }).formatToParts(t).find((part) => part.type === "timeZoneName")!.value,
    Date.parse(report.startedAt),
  );
  expect(header.text).toContain(zone);
  const sectionTitles = (await page.getByRole("heading", { level: 2 }).allTextContents()).map(compact);
  const footer = compact((await page.locator("main footer p").first().textContent()) ?? "");

  // A4 portrait, as many pages as the content takes: more than one, and each with content of its own.
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, p] of pages.entries()) {
    expect([Math.round(p.width), Math.round(p.height)], `page ${i + 1} size`).toEqual([595, 842]);
    const text = compactText(p);
    // The header, on every page: the room, the range and the zone.
    expect(text.startsWith(compact(header.text)), `page ${i + 1} starts with the header: ${text.slice(0, 120)}`).toBe(true);
    for (const time of header.times) expect(text).toContain(compact(time.text));
    const body = text.slice(compact(header.text).length);
    expect(body.length, `page ${i + 1} has content besides the header`).toBeGreaterThan(20);
    // A page after the first starts with a section (or the closing note), never inside one.
    if (i > 0) expect([...sectionTitles, footer].some((start) => body.startsWith(start)), `page ${i + 1} starts with a section: ${body.slice(0, 80)}`).toBe(true);
  }

  const sizes = pages.flatMap((p) => p.runs.map((r) => r.sizePt));
  const smallest = Math.min(...sizes);
  const smallRuns = pages.flatMap((p) => p.runs.filter((r) => r.sizePt < MIN_PT - 0.01).map((r) => `${r.text} (${r.sizePt.toFixed(2)} pt)`));
  expect(smallRuns, "text under 8 pt").toEqual([]);
  return { pages: pages.length, smallestPt: Number(smallest.toFixed(2)) };
}

/** The page as print media shows it: no site header, no buttons or controls. */
async function expectNoControlsInPrint(page: Page) {
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("navigation")).toBeHidden();
  for (const control of await page.getByRole("button").all()) await expect(control).toBeHidden();
  for (const control of await page.getByRole("radiogroup").all()) await expect(control).toBeHidden();
  for (const link of await page.getByRole("main").getByRole("link").all()) await expect(link).toBeHidden();
  await expect(page.locator("[data-print-header]")).toBeVisible();
  await page.emulateMedia({ media: null });
}

for (const project of ["desktop", "zh-CN"] as const) {
  // The zh-CN project runs only tests tagged for it (playwright.config.ts), the desktop project none of them.
  const tag = project === "zh-CN" ? "@i18n-zh-CN " : "";

  test(`${tag}the printed report: A4 pages that each say what they are, nothing under 8 pt`, async ({ page }, testInfo) => {
    test.setTimeout(RECORDED_MS + 90_000);
    const report = await endedRecording(page.request);
    await openReport(page);
    await expectNoControlsInPrint(page);
    const measured = await expectGoodPrintout(page, await print(page, testInfo, "report"), report);
    if (project === "zh-CN") {
      const header = await headerOf(page);
      expect(header.text).toContain("Roomscope 报告");
      expect(header.text).toContain("GMT+8");
      expect(header.text).toContain("Asia/Shanghai");
    }
    testInfo.annotations.push({ type: "measured", description: JSON.stringify(measured) });
    console.log(`${project}: ${JSON.stringify(measured)}`);
  });
}

/**
 * How the page's colours stand as shown now: the body's background luminance (0 black, 1 white),
 * and every dark background or light text (an SVG text's fill) it has.
 */
async function coloursOf(page: Page): Promise<{ body: number; problems: string[] }> {
  return page.evaluate(() => {
    // Computed colours come in whatever space they were written in (Tailwind's oklch comes back
    // as lab()): a canvas turns any of them into sRGB.
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const luminance = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
      return a === 0 ? null : (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const problems: string[] = [];
    for (const el of [document.body, ...Array.from(document.body.querySelectorAll<HTMLElement | SVGElement>("*"))]) {
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const background = luminance(style.backgroundColor);
      // Pale fills (a badge's) may stay; nothing dark may.
      if (background !== null && background < 0.85) problems.push(`${el.tagName} background ${style.backgroundColor}`);
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== "");
      const text = luminance(el instanceof SVGElement ? style.fill : style.color);
      if (ownText && text !== null && text > 0.5) problems.push(`${el.tagName} "${el.textContent!.slice(0, 30)}" in ${style.color}`);
    }
    return { body: luminance(getComputedStyle(document.body).backgroundColor) ?? 1, problems };
  });
}

test("a dark screen on a wide window prints the same light A4 pages", async ({ page }, testInfo) => {
  test.setTimeout(RECORDED_MS + 90_000);
  const report = await endedRecording(page.request);
  // Three charts to a row on this screen, two on paper: what the charts measured on screen must not
  // decide their printed size.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.emulateMedia({ colorScheme: "dark" });
  await openReport(page);
  // On screen the page is dark...
  expect((await coloursOf(page)).body).toBeLessThan(0.1);
  // ...on paper, black on white.
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  const paper = await coloursOf(page);
  expect(paper.body).toBeGreaterThan(0.99);
  expect(paper.problems).toEqual([]);
  await page.emulateMedia({ media: null, colorScheme: "dark" });

  const measured = await expectGoodPrintout(page, await print(page, testInfo, "report-dark-1920"), report);
  console.log(`desktop, dark, 1920 px: ${JSON.stringify(measured)}`);
});
