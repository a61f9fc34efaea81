"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useTimeZone } from "@/lib/hooks/use-locale";
import { PREFERENCE_COOKIE_MAX_AGE_S, TIME_ZONE_COOKIE, validTimeZone } from "@/lib/i18n/locales";

/**
 * Tells the server which time zone this browser is in, so that times are rendered in it on the
 * server and hydrated alike. A first visit renders in UTC (the server cannot know the zone yet,
 * and every time says which zone it is in); the page then renders once more in the reader's own.
 */
export function TimeZoneSync() {
  const rendered = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const zone = validTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (!zone || zone === rendered) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${PREFERENCE_COOKIE_MAX_AGE_S}; samesite=lax`;
    router.refresh();
  }, [rendered, router]);
  return null;
}
