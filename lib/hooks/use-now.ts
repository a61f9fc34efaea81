"use client";

import { useState, useSyncExternalStore } from "react";

// One shared one-second clock for every "N seconds ago" on the page, so they tick together and a
// page with many of them still runs a single timer.

const TICK_MS = 1_000;
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, updated every second; 0 during server rendering and hydration. With a coarser
 * `resolutionMs` (a minute, say) it is rounded down to it, and the component re-renders only when
 * the rounded value changes.
 */
export function useNow(resolutionMs = TICK_MS): number {
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(now / resolutionMs) * resolutionMs,
    () => 0,
  );
}

/**
 * useNow that stands still while `paused`: a page's relative time range ("the last hour") slides
 * with the clock, and every slide is a new request, so a paused page holds the moment it paused at.
 */
export function usePausableNow(resolutionMs: number, paused: boolean): number {
  const now = useNow(resolutionMs);
  const [heldAt, setHeldAt] = useState<number | null>(null);
  if (paused && heldAt === null && now > 0) setHeldAt(now);
  if (!paused && heldAt !== null) setHeldAt(null);
  return paused && heldAt !== null ? heldAt : now;
}
