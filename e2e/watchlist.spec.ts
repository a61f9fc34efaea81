import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { watch } from "./recording";

// The watchlist page's own controls: undoing a removal, the refresh picker, the CSV download, and
// the columns a gifting room is judged by.

const row = (page: Page, roomId: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: roomId, exact: true }) });

test("a removed room can be put back for a few seconds", async ({ page }) => {
  const room = "live-0042";
  await watch(page, room);
  await page.goto("/watchlist");
  await expect(row(page, room)).toBeVisible();
  await page.getByRole("button", { name: `Remove ${room} from watchlist` }).click();
  await expect(row(page, room)).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /Removed/ })).toContainText(`Removed ${room} from the watchlist`);
  await page.getByRole("button", { name: `Undo removing ${room}` }).click();
  await expect(row(page, room)).toBeVisible();
  const list = (await (await page.request.get("/api/watchlist")).json()) as { rooms: { roomId: string }[] };
  expect(list.rooms.map((r) => r.roomId)).toContain(room);

  // Unused, the offer goes away by itself and the removal stands.
  await page.getByRole("button", { name: `Remove ${room} from watchlist` }).click();
  await expect(page.getByRole("button", { name: `Undo removing ${room}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Undo removing ${room}` })).toBeHidden({ timeout: 15_000 });
  await page.reload();
  await expect(row(page, room)).toHaveCount(0);
});

test("the list downloads as CSV, with gifts and gift senders, and the refresh is chosen in the URL", async ({ page }) => {
  await watch(page, "demo-popular");
  await page.goto("/watchlist");
  await expect(row(page, "demo-popular")).toBeVisible();
  for (const heading of ["Gifts sent", "Unique gift senders", "Messages/min, 1 hour"]) {
    await expect(page.getByRole("columnheader", { name: heading })).toBeVisible();
  }

  const refresh = page.getByLabel("Refresh interval");
  await expect(refresh).toHaveValue("10");
  await refresh.selectOption("60");
  await expect(page).toHaveURL(/refresh=60/);
  await page.reload();
  await expect(page.getByLabel("Refresh interval")).toHaveValue("60");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^watchlist-\d{4}-\d{2}-\d{2}T\d{4}Z\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = csv.slice(1).trimEnd().split("\r\n");
  expect(header).toBe(
    "RoomId,Status,Last sample (UTC),Viewers,Gifts sent,Gift coins,Unique gift senders,Likes,Messages,Viewers per minute,Gifts sent per minute,Gift coins per minute,Unique gift senders per minute,Likes per minute,Messages per minute",
  );
  const popular = rows.find((r) => r.startsWith("demo-popular,"))!;
  expect(popular).toMatch(/^demo-popular,live,\d{4}-\d{2}-\d{2}T[\d:.]+Z,\d+,\d+/);
});

test("number columns' headings end where their figures do", async ({ page }) => {
  await watch(page, "demo-popular");
  await page.goto("/watchlist");
  await expect(row(page, "demo-popular")).toBeVisible();
  const headings = await page.getByRole("columnheader").allInnerTexts();
  const column = headings.findIndex((text) => text.trim() === "Viewers");
  const header = page.getByRole("columnheader").nth(column).getByRole("button");
  // The row's first column is its header (the RoomId), not a cell.
  const cell = row(page, "demo-popular").getByRole("cell").nth(column - 1);
  await expect(cell).toHaveText(/\d/);
  // Where the words end, not the boxes: the sort arrow beside a label is in the button's box.
  const textRight = (el: Element) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.textContent!.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP) });
    const range = document.createRange();
    range.selectNodeContents(walker.nextNode()!);
    return range.getBoundingClientRect().right;
  };
  const [labelEnd, figureEnd] = [await header.evaluate(textRight), await cell.evaluate(textRight)];
  expect(Math.abs(labelEnd - figureEnd)).toBeLessThanOrEqual(1);
});
