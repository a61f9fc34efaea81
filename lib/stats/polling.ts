// The polling policy for a room's figures, in one place: how often the page asks the console's API
// for fresh numbers given what has happened so far. Kept pure so every branch is unit-tested; the
// room page feeds it the query's state and hands the answer to react-query's `refetchInterval`.

/** Intervals an operator can choose, in seconds. */
export const INTERVAL_OPTIONS_S = [2, 5, 10, 30, 60] as const;
export type IntervalSeconds = (typeof INTERVAL_OPTIONS_S)[number];
export const DEFAULT_INTERVAL_S: IntervalSeconds = 5;

/**
 * The server reuses a result for STATS_FRESHNESS_MS (1 s by default), so asking more often than
 * that only returns the same numbers. This is the floor under every interval.
 */
export const FRESHNESS_FLOOR_MS = 1_000;

/** Repeated failures back off to at most this. A room under watch should still recover by itself. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Retry-After values beyond this are treated as this: a misbehaving upstream must not leave an
 * operator's screen frozen for an hour without a reload.
 */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Statuses that polling again cannot fix: the RoomId is malformed, or the room does not exist. */
const TERMINAL_STATUSES = new Set([400, 404]);

export interface PollState {
  /** The operator paused updates. */
  paused: boolean;
  /** The tab is in the background. */
  hidden: boolean;
  /** HTTP status of the latest failed poll, or null if the latest poll succeeded. */
  lastErrorStatus: number | null;
  /** Failed polls in a row since the last success. */
  consecutiveErrors: number;
  /** What the server's Retry-After asked for, in ms, when the latest failure was a 429. */
  retryAfterMs?: number | null;
  /** The interval the operator chose. */
  baseMs: number;
  /** Never poll faster than this. */
  floorMs?: number;
}

/** Milliseconds until the next poll, or false for "do not poll". */
export function pollInterval(state: PollState): number | false {
  const floorMs = state.floorMs ?? FRESHNESS_FLOOR_MS;
  if (state.paused || state.hidden) return false;
  if (state.lastErrorStatus !== null && TERMINAL_STATUSES.has(state.lastErrorStatus)) return false;

  const base = Math.max(state.baseMs, floorMs);
  let next = base;

  if (state.lastErrorStatus !== null && state.consecutiveErrors > 0) {
    // base × 2^n, capped; the cap never shortens an interval the operator chose on purpose.
    const exponent = Math.min(state.consecutiveErrors, 16);
    next = Math.min(base * 2 ** exponent, Math.max(MAX_BACKOFF_MS, base));
  }

  if (state.lastErrorStatus === 429 && state.retryAfterMs != null && state.retryAfterMs > 0) {
    next = Math.max(next, Math.min(state.retryAfterMs, MAX_RETRY_AFTER_MS));
  }

  return Math.max(next, floorMs);
}

/** Parses a search-param-style interval; anything not on the menu yields null. */
export function isIntervalOption(value: number): value is IntervalSeconds {
  return (INTERVAL_OPTIONS_S as readonly number[]).includes(value);
}
