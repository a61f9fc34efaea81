"use client";

import { createContext, use } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/format";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/locales";

/**
 * The locale numbers and dates are formatted in and the time zone times are shown in, decided once
 * per request on the server (lib/i18n/negotiate.ts) and handed to the browser through Providers,
 * so the server's render and the browser's hydration format alike.
 */
export const LocaleContext = createContext<{ locale: Locale; timeZone: string }>({ locale: DEFAULT_LOCALE, timeZone: DEFAULT_TIME_ZONE });

/** The locale to pass to every lib/format function. */
export function useLocale(): Locale {
  return use(LocaleContext).locale;
}

/** The IANA time zone to pass to lib/format's time functions. */
export function useTimeZone(): string {
  return use(LocaleContext).timeZone;
}
