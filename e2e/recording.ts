import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

// What specs about recorded history share: putting rooms on the watchlist through the API (as the
// signed-in page's own request, so the console sees the same session) and counting a room's samples.

/** A script in the page's own context sends its cookie; writes must say they come from the console. */
export const SAME_ORIGIN = { origin: `http://127.0.0.1:${process.env.E2E_APP_PORT ?? 3310}` };

/** Puts rooms on the watchlist; the recorder starts on them at once. */
export async function watch(page: Page, roomIds: string | readonly string[]) {
  for (const roomId of typeof roomIds === "string" ? [roomIds] : roomIds) {
    const res = await page.request.post("/api/watchlist", { data: { roomId }, headers: SAME_ORIGIN });
    expect(res.ok(), `watching ${roomId}: ${res.status()}`).toBe(true);
  }
}

/** How many samples of a room the console has stored. */
export async function samples(page: Page, roomId: string): Promise<number> {
  const res = await page.request.get(`/api/rooms/${encodeURIComponent(roomId)}/history`);
  return ((await res.json()) as { sampleCount: number }).sampleCount;
}

/**
 * Rooms that specs later in the run need minutes of recording of: the setup project looks them up
 * first thing (a lookup records a room), so they record while the earlier specs run instead of each
 * spec waiting for its own. compare.spec.ts: demo-popular and demo-quiet; report-print.spec.ts:
 * live-0050; time-controls.spec.ts: live-0091 to live-0096. Each spec still starts its own recording
 * too, so it passes run on its own, only slower.
 */
export const RECORDED_FROM_THE_START = ["demo-popular", "demo-quiet", "live-0050", "live-0091", "live-0092", "live-0093", "live-0094", "live-0095", "live-0096"] as const;
