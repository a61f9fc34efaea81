import "server-only";
import Negotiator from "negotiator";
import { DEFAULT_TIME_ZONE, DEFAULT_UI_LOCALE, isUiLocale, LOCALE_COOKIE, TIME_ZONE_COOKIE, UI_LOCALES, validTimeZone, type UiLocale } from "./locales";

// Which language a reader gets, and which locale and time zone their numbers and times are
// formatted in: decided once per request from what the browser sends, so the server's render and
// the browser's hydration agree (a render in the server's own locale or zone, hydrated in the
// browser's, is React's error #418). Pure: the root layout, the API's error answers and the tests
// all call it with the request's headers.

/** What the reader gets: the language, the locale numbers and dates follow, and the time zone. */
export interface ReaderLocale {
  locale: UiLocale;
  /** A BCP 47 tag of the same language: en-GB writes 25/11/2026, en-US 11/25/2026. */
  formatLocale: string;
  timeZone: string;
}

/** One cookie's value from a Cookie header, or null. */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Each language range of an Accept-Language header, most preferred first (Negotiator's order). */
function preferredRanges(acceptLanguage: string | null | undefined): string[] {
  return new Negotiator({ headers: { "accept-language": acceptLanguage ?? "" } }).languages().filter((range) => range !== "*");
}

const language = (tag: string) => tag.split("-", 1)[0]!.toLowerCase();

/**
 * The UI language: the reader's saved choice, else the first language of Accept-Language the UI
 * has (any Chinese reads the simplified Chinese UI, any English the English one), else English.
 */
export function uiLocaleFor(saved: string | null | undefined, acceptLanguage: string | null | undefined): UiLocale {
  if (isUiLocale(saved)) return saved;
  for (const range of preferredRanges(acceptLanguage)) {
    const found = UI_LOCALES.find((locale) => language(locale) === language(range));
    if (found) return found;
  }
  return DEFAULT_UI_LOCALE;
}

/** A tag Intl can format in, or null (not well formed, or unknown to this runtime). */
function formattable(tag: string): string | null {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag])[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * The locale numbers and dates follow: the reader's most preferred regional variant of the UI
 * language (an en-GB browser reading English gets 25/11/2026 and 24-hour times), else the UI
 * language itself. Never another language's: an English page with Chinese dates reads as a bug.
 */
export function formatLocaleFor(locale: UiLocale, acceptLanguage: string | null | undefined): string {
  for (const range of preferredRanges(acceptLanguage)) {
    if (language(range) !== language(locale)) continue;
    const tag = formattable(range);
    if (tag && tag.includes("-")) return tag;
  }
  return locale;
}

/** Everything about the reader a request says: its Cookie and Accept-Language headers. */
export function readerLocale(headers: { cookie: string | null | undefined; acceptLanguage: string | null | undefined }): ReaderLocale {
  const locale = uiLocaleFor(cookieValue(headers.cookie, LOCALE_COOKIE), headers.acceptLanguage);
  return {
    locale,
    formatLocale: formatLocaleFor(locale, headers.acceptLanguage),
    timeZone: validTimeZone(cookieValue(headers.cookie, TIME_ZONE_COOKIE)) ?? DEFAULT_TIME_ZONE,
  };
}

/** The language of a request's answer (the API's error messages): its cookie, else Accept-Language. */
export function requestLocale(header: (name: "cookie" | "accept-language") => string | null | undefined): UiLocale {
  return uiLocaleFor(cookieValue(header("cookie"), LOCALE_COOKIE), header("accept-language"));
}
