"use client";

import { createContext, use } from "react";
import { DEFAULT_LOCALE, type Locale } from "@/lib/format";

/**
 * The locale numbers and dates are formatted in, decided once per request on the server (the root
 * layout reads Accept-Language) and handed to the browser through Providers, so the server's render
 * and the browser's hydration format alike.
 */
export const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** The locale to pass to every lib/format function. */
export function useLocale(): Locale {
  return use(LocaleContext);
}
