"use client";

import { usePathname, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { isKioskValue, isWallPage, KIOSK_PARAM } from "@/lib/views/wall";

/** True on a page shown in wall mode (?kiosk=1 on the watchlist or a room). */
export function useWallMode(): boolean {
  const pathname = usePathname();
  const kiosk = useSearchParams().get(KIOSK_PARAM);
  return isWallPage(pathname) && isKioskValue(kiosk);
}

/**
 * The header and the banners, except in wall mode: a TV shows only the wall, which carries the
 * warnings that still matter (components/wall/wall-alerts.tsx) in a small line of its own.
 */
export function PageChrome({ children }: { children: ReactNode }) {
  return useWallMode() ? null : children;
}
