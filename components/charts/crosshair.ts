"use client";

import { useCallback, useSyncExternalStore } from "react";

// The moment under the pointer (or the keyboard) in a group of small multiples, shared so every
// chart of the group draws its crosshair and exact value at the same time. Only the charts' overlays
// change with it: moving the pointer never redraws a line.

const hovered = new Map<string, number | null>();
const listeners = new Map<string, Set<() => void>>();

export function setCrosshair(group: string, t: number | null) {
  if ((hovered.get(group) ?? null) === t) return;
  if (t === null) hovered.delete(group);
  else hovered.set(group, t);
  for (const listener of listeners.get(group) ?? []) listener();
}

export function useCrosshair(group: string): number | null {
  const subscribe = useCallback(
    (listener: () => void) => {
      const set = listeners.get(group) ?? new Set();
      listeners.set(group, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        // The group's charts are gone (another range, another page): forget where the pointer was,
        // or they would come back with a crosshair frozen in place.
        if (set.size === 0) {
          listeners.delete(group);
          hovered.delete(group);
        }
      };
    },
    [group],
  );
  return useSyncExternalStore(
    subscribe,
    () => hovered.get(group) ?? null,
    () => null,
  );
}
