"use client";

import { useSyncExternalStore } from "react";
import { recentLookupsStore } from "@/lib/recent-lookups";

/** This browser's recent RoomIds, newest first; empty until hydrated. */
export function useRecentLookups(): readonly string[] {
  return useSyncExternalStore(recentLookupsStore.subscribe, recentLookupsStore.getSnapshot, recentLookupsStore.getServerSnapshot);
}
