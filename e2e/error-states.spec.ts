import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// What an operator reads when a lookup fails, with the stand-in's failing demo rooms: which failure
// it was (a gateway's page, a cut-off answer, no connection), when, and each thing said once.

/** The failure's box (Next's route announcer is an alert too). */
const failureBox = (page: Page) => page.getByRole("region").filter({ has: page.getByRole("alert") });

/** Every request the page makes to the console's room API from now on. */
function roomRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/rooms/")) seen.push(r.url());
  });
  return seen;
}

for (const [room, heading, sentence] of [
  ["demo-html502", "Tencent's address answered with an error page (HTTP 502)", /gateway or proxy in front of Tencent/],
  ["demo-truncated", "Tencent's answer was cut off or unreadable", /cut off or was not the JSON/],
  ["demo-down", "The console cannot connect to Tencent", /could not connect to Tencent/],
] as const) {
  test(`${room}: says which failure it was, when, and what to do, once each`, async ({ page }) => {
    await page.goto(`/rooms/${room}?interval=2`);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    const box = page.getByRole("region", { name: heading });
    await expect(box.getByRole("alert")).toContainText(sentence);
    // The time to quote in a ticket, with its zone.
    await expect(box.getByText("Failed at")).toBeVisible();
    await expect(box.locator("dd time")).toHaveText(/\d{1,2}:\d{2}:\d{2}.*(UTC|GMT|[A-Z]{3})/);
    // One sentence on when it tries again, and the header agrees that polling slowed down.
    await expect(box.getByText(/Trying again in \d+ s/)).toHaveCount(1);
    await expect(page.getByText(/^every 2 sec, less often while it fails$/)).toBeVisible();
    // No sentence said twice in the box.
    const sentences = (await box.innerText()).split(/(?<=[.!?])\s+|\n/).map((s) => s.trim()).filter((s) => s.length > 20);
    expect(sentences.length).toBe(new Set(sentences).size);
  });
}

test("the three failures read differently", async ({ page }) => {
  const texts: string[] = [];
  for (const room of ["demo-html502", "demo-truncated", "demo-down"]) {
    await page.goto(`/rooms/${room}`);
    await expect(page.getByText("Failed at")).toBeVisible();
    texts.push(await failureBox(page).getByRole("alert").innerText());
  }
  expect(new Set(texts).size).toBe(3);
});

test("an invalid RoomId typed in the URL is explained without a request, and stays in the search box", async ({ page }) => {
  const requests = roomRequests(page);
  const roomId = "a".repeat(49);
  await page.goto(`/rooms/${roomId}`);
  await expect(page.getByRole("heading", { name: "This RoomId is not valid" })).toBeVisible();
  // Nothing was asked, so there is no HTTP status or failure time to show.
  await expect(page.getByText(/HTTP \d{3}/)).toHaveCount(0);
  await expect(page.getByText("Failed at")).toHaveCount(0);
  await expect(page.getByLabel("Room ID")).toHaveValue(roomId);
  await page.waitForTimeout(1000);
  expect(requests).toEqual([]);
});

test("/rooms/%20 sends no blank RoomId anywhere", async ({ page }) => {
  const requests = roomRequests(page);
  await page.goto("/rooms/%20");
  await expect(page.getByRole("heading", { name: "This RoomId is not valid" })).toBeVisible();
  await expect(page.getByText(/spaces/)).toBeVisible();
  await page.waitForTimeout(1000);
  expect(requests).toEqual([]);
});

test("a room that does not exist offers neither Watch nor Report", async ({ page }) => {
  await page.goto("/rooms/no-such-room-at-all");
  await expect(page.getByRole("heading", { name: "Room not found" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Watch/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Report" })).toHaveCount(0);
  // A room that exists still has both.
  await page.goto("/rooms/demo-quiet");
  await expect(page.getByRole("link", { name: "Report" })).toBeVisible();
});
