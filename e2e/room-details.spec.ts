import { expect, test } from "./fixtures";

// A room's details (get_room_info) beside its figures: from the stand-in, and left out when the
// call fails while the figures still show.

const SIM = `http://127.0.0.1:${process.env.E2E_SIM_PORT ?? 9310}`;

async function setFault(roomId: string, mode: string) {
  const res = await fetch(`${SIM}/__sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roomId, mode }) });
  expect(res.ok).toBe(true);
}

test("the room page shows the room's name, host, cover and creation time from Tencent", async ({ page }) => {
  const room = (await (await fetch(`${SIM}/__sim/rooms/demo-popular`)).json()) as { startedAt: number };
  await page.goto("/rooms/demo-popular");
  const details = page.getByRole("region", { name: "Room details" });
  await expect(details.getByText("Friday live show")).toBeVisible();
  await expect(details.getByText(/^host_/)).toBeVisible();
  // CreateTime is the room's real start, in whole seconds, shown in the reader's zone.
  await expect(details.locator("time")).toHaveAttribute("datetime", new Date(Math.floor(room.startedAt / 1000) * 1000).toISOString());
  const cover = details.getByRole("img", { name: "Cover of Friday live show" });
  await expect(cover).toBeVisible();
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(details.getByText("Chat")).toBeVisible();
});

test("a room whose details cannot be fetched still shows its figures", async ({ page }) => {
  await setFault("live-0007", "info_fails");
  try {
    const failed = page.waitForResponse((r) => r.url().endsWith("/api/rooms/live-0007/info") && r.status() === 502);
    await page.goto("/rooms/live-0007");
    await failed;
    await expect(page.getByRole("region", { name: "Viewers", exact: true }).getByText(/^\d/).first()).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^Live$/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Room details" })).toHaveCount(0);
  } finally {
    await setFault("live-0007", "none");
  }
});

test("at 1440 px the details line leaves the header's controls on one row", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/rooms/demo-popular");
  await expect(page.getByRole("region", { name: "Room details" }).getByText("Friday live show")).toBeVisible();
  const picker = await page.getByLabel("Refresh interval").boundingBox();
  const wall = await page.getByRole("link", { name: /wall mode/i }).or(page.getByRole("button", { name: /wall mode/i })).first().boundingBox();
  expect(picker && wall).toBeTruthy();
  // Side by side: the same row, the Wall mode control to the picker's right.
  expect(Math.abs(picker!.y + picker!.height / 2 - (wall!.y + wall!.height / 2))).toBeLessThan(wall!.height);
  expect(wall!.x).toBeGreaterThan(picker!.x + picker!.width);
});
