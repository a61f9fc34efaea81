import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { expect, test } from "./fixtures";

// Every page in the browser's language (the zh-CN and en-GB projects of playwright.config.ts set
// the browser's locale and time zone): the page's language and <html lang>, no message missing,
// no console error (a hydration mismatch, React's #418, is one), and the switch in the header.

/** The messages of one file of the catalog (lib/i18n/messages/<locale>/<file>.json). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read as the page shows them, unchecked
const messages = (locale: "en" | "zh-CN", file: string): any => JSON.parse(readFileSync(join(import.meta.dirname, "..", "lib", "i18n", "messages", locale, `${file}.json`), "utf8"));
const files = (locale: "en" | "zh-CN") => Object.fromEntries(["admin", "alerts", "compare", "home", "live", "room", "shell", "watchlist"].map((f) => [f, messages(locale, f)]));
const CATALOG = { "zh-CN": files("zh-CN"), "en-GB": files("en") };
const [enHome, enShell, enWatchlist, zhHome, zhShell, zhWatchlist] = [CATALOG["en-GB"].home, CATALOG["en-GB"].shell, CATALOG["en-GB"].watchlist, CATALOG["zh-CN"].home, CATALOG["zh-CN"].shell, CATALOG["zh-CN"].watchlist];

/** Console errors and uncaught exceptions of `page` from now on. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** The page's own language: the heading a first-time reader looks for, and no key path shown instead of a message. */
async function expectReadable(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
  // next-intl shows a missing message as its dotted key ("room.history.title").
  await expect(page.locator("body")).not.toContainText(/\b(home|room|report|watchlist|compare|admin|shell|common|charts|live|alerts)\.[a-z]\w*\.\w+/);
}

const locales = ["zh-CN", "en-GB"] as const;

for (const locale of locales) {
  // Run by the project of that locale (playwright.config.ts picks its tests by this tag).
  test.describe(`@i18n-${locale}`, () => {
    const m = CATALOG[locale]!;

    test(`every page an operator opens reads in ${locale}, without a console error`, async ({ page }) => {
      const problems = problemsOf(page);
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", locale === "zh-CN" ? "zh-CN" : "en");
      await expectReadable(page, m.home.home.title);

      await page.goto("/rooms/demo-popular?interval=2");
      await expectReadable(page, m.room.room.titlePrefix);
      await expect(page.getByRole("heading", { name: m.room.room.history.title })).toBeVisible();
      // The figures came in and the time says its zone: the browser's, told to the server by cookie.
      await expect(page.getByText(locale === "zh-CN" ? "GMT+8" : /GMT|UTC|BST/).first()).toBeVisible();

      await page.goto("/watchlist");
      await expectReadable(page, m.watchlist.watchlist.title);

      await page.goto("/live");
      await expectReadable(page, m.live.live.title);
      await expect(page.getByRole("table", { name: m.live.live.table.caption })).toBeVisible();

      for (const [path, section] of [["/alerts", "rules"], ["/alerts/channels", "channels"], ["/alerts/silences", "silences"], ["/alerts/history", "history"]] as const) {
        await page.goto(path);
        await expectReadable(page, m.alerts.alerts[section].title);
      }
      // The rule editor names each notification language by its own name, not by its code.
      await page.goto("/alerts");
      await expect(page.locator("#rule-language option")).toHaveText(["English", "中文"]);

      await page.goto("/compare?rooms=demo-popular,demo-quiet");
      await expectReadable(page, m.compare.compare.title);

      await page.goto("/rooms/demo-popular/report");
      await expect(page.getByRole("heading", { level: 1 })).toContainText("demo-popular");

      expect(problems).toEqual([]);
    });

    test(`the admin pages read in ${locale}`, async ({ browser }) => {
      const context = await browser.newContext({ locale, timezoneId: locale === "zh-CN" ? "Asia/Shanghai" : "Europe/London", storageState: storageStateOf("admin") });
      const page = await context.newPage();
      const problems = problemsOf(page);
      for (const [path, heading] of [
        ["/admin/users", m.admin.admin.users.title],
        ["/admin/tokens", m.admin.admin.tokens.title],
        ["/admin/audit", m.admin.admin.audit.title],
      ] as const) {
        await page.goto(path);
        await expectReadable(page, heading);
      }
      expect(problems).toEqual([]);
      await context.close();
    });

    test(`the sign-in page reads in ${locale}`, async ({ browser }) => {
      // Signed out: a new context still gets the project's options, its session included.
      const context = await browser.newContext({ locale, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      const problems = problemsOf(page);
      await page.goto("/sign-in");
      await expectReadable(page, m.home.signIn.title);
      expect(problems).toEqual([]);
      await context.close();
    });
  });
}

test("@i18n-en-GB the language switch changes the page's language in place and is remembered", async ({ page, context }) => {
  const problems = problemsOf(page);
  await page.goto("/watchlist");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(enWatchlist.watchlist.title);
  await page.getByRole("combobox", { name: enShell.shell.language }).selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zhWatchlist.watchlist.title);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveURL(/\/watchlist$/);
  // Remembered over the browser's own language, on the next page too, and for the API's messages.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zhHome.home.title);
  const answer = await page.request.get("/api/rooms/no-such-room/stats");
  expect((await answer.json()).error.message).toBe("该直播间不存在或已解散。");
  await page.getByRole("combobox", { name: zhShell.shell.language }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(enHome.home.title);
  await context.clearCookies({ name: "roomscope.locale" });
  expect(problems).toEqual([]);
});
