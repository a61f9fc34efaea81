// The watchlist page's state that belongs in the URL, so a shared link sorts the same way:
//   ?sort=messagesPerMin   the column (one of SORT_KEYS)
//   &dir=desc              asc | desc
//   &kiosk=1               wall mode: the rooms as tiles, full-screen for a TV (lib/views/wall.ts)
//   &refresh=30            seconds between refreshes (REFRESH_OPTIONS_S), 0 for none; 10 by default
// Junk falls back to the default instead of failing: a hand-edited link should still open the page.

import { z } from "zod";
import { isKioskValue, KIOSK_PARAM } from "@/lib/views/wall";
import { SORT_KEYS, type SortDirection, type SortKey } from "@/components/watchlist/sort-rooms";

/**
 * How often the page refreshes, in seconds; 0 stops it. Not below 10: the overview reads stored
 * samples, which the recorder writes every RECORD_INTERVAL_S (10 s by default).
 */
export const REFRESH_OPTIONS_S = [10, 30, 60, 0] as const;
export type RefreshSeconds = (typeof REFRESH_OPTIONS_S)[number];

export interface WatchlistViewState {
  sort: SortKey;
  dir: SortDirection;
  /** Wall mode. */
  kiosk: boolean;
  refresh: RefreshSeconds;
}

export const DEFAULT_WATCHLIST_VIEW: WatchlistViewState = { sort: "roomId", dir: "asc", kiosk: false, refresh: 10 };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

const schema = z.object({
  sort: z.preprocess(first, z.enum(SORT_KEYS).catch(DEFAULT_WATCHLIST_VIEW.sort)),
  dir: z.preprocess(first, z.enum(["asc", "desc"]).optional().catch(undefined)),
  kiosk: z.preprocess(first, z.string().optional().catch(undefined)),
  refresh: z.preprocess(
    first,
    z.coerce
      .number()
      .refine((n): n is RefreshSeconds => (REFRESH_OPTIONS_S as readonly number[]).includes(n))
      .catch(DEFAULT_WATCHLIST_VIEW.refresh)
      .default(DEFAULT_WATCHLIST_VIEW.refresh),
  ),
});

type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export function parseWatchlistSearchParams(input: SearchParamsInput): WatchlistViewState {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input) : input;
  const parsed = schema.parse(record);
  return { sort: parsed.sort, dir: parsed.dir ?? "asc", kiosk: isKioskValue(parsed.kiosk), refresh: parsed.refresh as RefreshSeconds };
}

/** The page's path for a state, leaving defaults out so plain links stay plain. */
export function watchlistHref(state: WatchlistViewState): string {
  const params = new URLSearchParams();
  if (state.sort !== DEFAULT_WATCHLIST_VIEW.sort || state.dir !== DEFAULT_WATCHLIST_VIEW.dir) {
    params.set("sort", state.sort);
    params.set("dir", state.dir);
  }
  if (state.kiosk) params.set(KIOSK_PARAM, "1");
  if (state.refresh !== DEFAULT_WATCHLIST_VIEW.refresh) params.set("refresh", String(state.refresh));
  const search = params.toString();
  return search ? `/watchlist?${search}` : "/watchlist";
}
