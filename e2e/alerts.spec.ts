import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { watch } from "./recording";

// An alert rule made on the rules page fires on the server (the evaluator runs on the recorder's
// cadence, no page needed) and is seen on the watchlist, as a badge on the room's row, and on the
// room's page, as a banner.

const row = (page: Page, roomId: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: roomId, exact: true }) });

test("an alert rule on a room fires and is seen on the watchlist and the room page", async ({ page }) => {
  const room = "demo-popular";
  await watch(page, room);

  await page.goto("/alerts");
  await expect(page.getByRole("heading", { name: "Alert rules" })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Anyone watching");
  await page.getByLabel("Rooms").selectOption("room");
  await page.getByLabel("RoomId").fill(room);
  await page.getByLabel("Condition").selectOption("total");
  await page.getByLabel("Figure").selectOption("totalViewers");
  await page.getByLabel("Compared").selectOption("above");
  await page.getByLabel("Threshold").fill("0");
  await page.getByLabel("Pending period (seconds)").fill("0");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByText("Rule Anyone watching saved.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Anyone watching" })).toContainText(room);

  await page.goto("/watchlist");
  await expect(row(page, room).getByTestId("alert-badge")).toHaveText("1 alert", { timeout: 30_000 });

  await page.goto(`/rooms/${room}`);
  await expect(page.getByRole("alert").filter({ hasText: "Firing: Anyone watching" })).toBeVisible({ timeout: 30_000 });

  await page.goto("/alerts/history");
  await expect(page.getByRole("row").filter({ hasText: "Anyone watching" }).first()).toContainText("Firing");
});
