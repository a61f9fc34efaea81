// The languages the console speaks and where a reader's choices are kept; shared by the server and
// the browser. Which of them a request gets is ./negotiate.ts's to decide.

/** The languages of the UI, the API's messages, the CSV headers and the report. */
export const UI_LOCALES = ["en", "zh-CN"] as const;
export type UiLocale = (typeof UI_LOCALES)[number];
export const DEFAULT_UI_LOCALE: UiLocale = "en";
/** Each language by its own name, as a reader looks for it whatever the page's language. */
export const LOCALE_NAMES: Record<UiLocale, string> = { en: "English", "zh-CN": "中文" };

/** The reader's own choice of language (the switch in the header); kept a year. */
export const LOCALE_COOKIE = "roomscope.locale";
/** The browser's IANA time zone, written by the page itself (components/shell/time-zone-sync.tsx). */
export const TIME_ZONE_COOKIE = "roomscope.tz";
export const PREFERENCE_COOKIE_MAX_AGE_S = 365 * 86_400;
/** Until the browser has said which zone it is in. */
export const DEFAULT_TIME_ZONE = "UTC";

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === "string" && (UI_LOCALES as readonly string[]).includes(value);
}

/** The zone if this runtime knows it (an IANA name such as Asia/Shanghai), else null. */
export function validTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
