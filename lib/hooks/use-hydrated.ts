"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False while the server renders and the browser hydrates, true from then on. For what comes from a
 * query shared with components outside the caller's Suspense boundary: the query may already have
 * its answer when the boundary hydrates, which the server's render could not show (React #418).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
