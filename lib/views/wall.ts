// Wall mode (?kiosk=1), the pure part: which pages have it, the grid of tiles that fills a screen,
// the pages it cycles through, the drift that keeps a TV from burning in, and how fresh each tile
// is. The watchlist's and the room's wall views (components/wall/) draw what these decide.

import type { OverviewRoom } from "@/lib/contract/api";

/** The search parameter that turns wall mode on: `?kiosk=1`, so a TV's bookmark opens it. */
export const KIOSK_PARAM = "kiosk";

/** Whether a search parameter's value turns wall mode on. */
export function isKioskValue(value: string | null | undefined): boolean {
  return value === "1" || value === "true";
}

/** The pages that have a wall mode: the watchlist and a room (not its report). */
export function isWallPage(pathname: string): boolean {
  return pathname === "/watchlist" || /^\/rooms\/[^/]+$/.test(pathname);
}

/** The same page with wall mode on or off, every other parameter kept as it was. */
export function withKiosk(pathname: string, search: string, on: boolean): string {
  const params = new URLSearchParams(search);
  if (on) params.set(KIOSK_PARAM, "1");
  else params.delete(KIOSK_PARAM);
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

export interface Size {
  width: number;
  height: number;
}

export interface WallGrid {
  cols: number;
  rows: number;
  /** Tiles on one page: cols × rows. */
  perPage: number;
}

/**
 * The smallest a tile may be and still be read from 3-4 m away on a 1080p screen: its RoomId at
 * 32 px and its main figure at 64 px or more. At 1920 × 1080 that fits 4 × 3 tiles.
 */
export const MIN_TILE: Size = { width: 440, height: 300 };

/**
 * The grid for `count` tiles in a screen of `size`: as many as fit at MIN_TILE at most, and for
 * fewer rooms the arrangement that gives each tile the most room (two rooms on a wide screen sit
 * side by side rather than one above the other). Tiles are scored by the largest 3:2 box they hold.
 */
export function wallGrid(size: Size, count: number, min: Size = MIN_TILE): WallGrid {
  const maxCols = Math.max(1, Math.floor(size.width / min.width));
  const maxRows = Math.max(1, Math.floor(size.height / min.height));
  const shown = Math.max(1, Math.min(count, maxCols * maxRows));
  let best: WallGrid = { cols: maxCols, rows: maxRows, perPage: maxCols * maxRows };
  let bestScore = -1;
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(shown / cols);
    if (rows > maxRows) continue;
    const score = Math.min(size.width / cols / 3, size.height / rows / 2);
    // Ties go to fewer empty cells.
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && cols * rows < best.perPage)) {
      best = { cols, rows, perPage: cols * rows };
      bestScore = score;
    }
  }
  return best;
}

/** How many pages `total` tiles take at `perPage` a page; at least one (an empty wall is a page). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, perPage)));
}

/** How long each page of the watchlist wall stays up before the next one. */
export const PAGE_INTERVAL_MS = 12_000;

/**
 * The page on screen `elapsedMs` after the wall started cycling: the next one every `intervalMs`,
 * back to the first after the last. A wall whose room count changes keeps to the same clock.
 */
export function pageAt(elapsedMs: number, intervalMs: number, pages: number): number {
  if (pages <= 1 || elapsedMs < 0) return 0;
  return Math.floor(elapsedMs / intervalMs) % pages;
}

/** The tiles of one page. */
export function pageSlice<T>(items: readonly T[], page: number, perPage: number): T[] {
  return items.slice(page * perPage, (page + 1) * perPage);
}

/** How often the wall's layout moves, and how far from its place it ever is. */
export const BURN_IN_STEP_MS = 3 * 60_000;
export const BURN_IN_RADIUS_PX = 4;

/**
 * Against burn-in: the whole wall sits a few pixels off its place, a different place every
 * BURN_IN_STEP_MS, going round eight points of a circle of BURN_IN_RADIUS_PX. Every edge, digit and
 * outline thus moves over a static TV's pixels by up to 2 × radius, too little for anyone in the
 * room to notice and enough that no pixel shows the same edge for hours. Whole pixels, so text
 * stays crisp.
 */
export function burnInOffset(now: number, stepMs = BURN_IN_STEP_MS, radius = BURN_IN_RADIUS_PX): { x: number; y: number } {
  const step = Math.floor(now / stepMs) % 8;
  const angle = (step * Math.PI) / 4;
  return { x: Math.round(Math.cos(angle) * radius), y: Math.round(Math.sin(angle) * radius) };
}

export type TileFreshness =
  | { kind: "live" }
  /** On the watchlist, no sample recorded yet. */
  | { kind: "waiting" }
  | { kind: "ended" }
  /**
   * The figures shown are not current: the recorder's latest attempt failed, its latest sample is
   * too old, or this screen's own refresh of the overview failed.
   */
  | { kind: "stale"; reason: "recording_failed" | "no_recent_sample" | "refresh_failed"; since: number | null };

/** A live room's latest sample is too old once it is three recording cadences behind, and never under 30 s. */
export function staleAfterMs(cadenceMs: number): number {
  return Math.max(3 * cadenceMs, 30_000);
}

/**
 * How fresh a watched room's tile is. `refreshFailedAt` is when this screen last failed to fetch
 * the overview while it still shows an older answer (null when the latest fetch succeeded): every
 * tile then shows figures of that older answer, ended rooms excepted since theirs are final.
 */
export function tileFreshness(
  room: Pick<OverviewRoom, "status" | "lastSampleAt">,
  { now, cadenceMs, refreshFailedAt }: { now: number; cadenceMs: number; refreshFailedAt: number | null },
): TileFreshness {
  const last = room.lastSampleAt === null ? null : Date.parse(room.lastSampleAt);
  if (room.status === "ended") return { kind: "ended" };
  if (refreshFailedAt !== null) return { kind: "stale", reason: "refresh_failed", since: last };
  if (room.status === "error") return { kind: "stale", reason: "recording_failed", since: last };
  if (room.status === "unknown" || last === null) return { kind: "waiting" };
  // now is 0 before the page's clock starts: judge nothing yet.
  if (now > 0 && now - last > staleAfterMs(cadenceMs)) return { kind: "stale", reason: "no_recent_sample", since: last };
  return { kind: "live" };
}
