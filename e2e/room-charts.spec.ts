import { expect, test } from "./fixtures";

// The room page's recorded-history grid: one crosshair across the six charts with each chart's
// value in its own caption (no box floating over the lines), every axis in one number form and
// saying its unit, and the recording's state right after a first lookup.

test("a room looked up for the first time shows its recording once the first sample is stored", async ({ page }) => {
  // A generic room no other spec looks up, so nothing was recorded before this page.
  await page.goto("/rooms/live-0077?interval=2");
  await expect(page.getByText(/^\d+ samples?, |^1 sample/).first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Not recorded yet/)).toHaveCount(0);
});

test("hovering the history grid shows one crosshair and each chart's value in its caption", async ({ page }) => {
  await page.goto("/rooms/demo-popular?range=15m");
  const grid = page.getByRole("slider", { name: "Viewers over time" });
  await expect(grid).toBeVisible({ timeout: 20_000 });
  // The live figures above fill in and move the grid down: point once the page has settled.
  await expect(page.getByRole("region", { name: "Messages", exact: true })).toBeVisible();
  await page.waitForTimeout(1500);
  await grid.scrollIntoViewIfNeeded();
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.15, box.y + box.height / 2, { steps: 3 });
  // Six readouts, one per chart, all in captions; no floating tooltip anywhere over the plots.
  await expect(page.locator("figcaption [data-readout]")).toHaveCount(6);
  await expect(page.locator("figcaption [data-readout]").first()).toHaveText(/\d.* at \d{1,2}:\d{2}:\d{2}/);
  await expect(page.locator("[role=slider] .shadow-md")).toHaveCount(0);
  await page.mouse.move(0, 0);
  await expect(page.locator("figcaption [data-readout]")).toHaveCount(0);
});

test("each history axis says its unit and reads its numbers in one form", async ({ page }) => {
  await page.goto("/rooms/demo-popular?range=15m&chart=rates");
  await expect(page.getByRole("slider").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("svg text[data-unit]").first()).toHaveText("per minute");
  await page.goto("/rooms/demo-popular?range=15m");
  await expect(page.getByRole("slider").first()).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("svg text[data-unit]")).toHaveCount(6);
  // Within one axis, either every label is compact (5K, 20K) or none is.
  const axes = await page.locator("figure svg[aria-hidden=true]").evaluateAll((svgs) =>
    svgs.map((svg) => Array.from(svg.querySelectorAll("text[text-anchor=end]"), (t) => t.textContent ?? "").filter((l) => /\d/.test(l) && l !== "0")),
  );
  for (const labels of axes) {
    const compact = labels.filter((l) => /[KMB万亿]$/.test(l)).length;
    expect(compact === 0 || compact === labels.length, labels.join(" ")).toBe(true);
  }
});
