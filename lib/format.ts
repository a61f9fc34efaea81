// Every number and time the console shows goes through here, formatted with Intl in the reader's
// locale. The locale is always passed in: left to itself Intl takes the runtime's default, which is
// the server's while rendering and the browser's after hydration, and the two disagree (React's
// hydration error #418). The UI gets its one locale from the request (app/layout.tsx, useLocale);
// tests pass any BCP 47 tag. Formatters are cached because Intl constructors are slow enough to
// matter when six cards and a chart re-render every second.

/** A BCP 47 language tag ("en", "zh-CN", "de-DE"). */
export type Locale = string;

export const DEFAULT_LOCALE: Locale = "en";

/** The tag for one language range of Accept-Language when Intl can format in it, else null. */
function formattable(range: string): Locale | null {
  try {
    return Intl.NumberFormat.supportedLocalesOf([range])[0] ?? null;
  } catch {
    return null; // not a well-formed tag
  }
}

/**
 * The locale to format in for an Accept-Language header: the reader's most preferred language that
 * Intl can format in ("de-DE" writes 1.234.567, "en-IN" 12,34,567, "zh-CN" 万), else "en". Strings
 * stay English whatever it is; only numbers and dates follow the reader.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranges = (header ?? "")
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { range: range.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.range && r.range !== "*" && r.quality > 0)
    // Highest quality first; equal qualities keep the header's order.
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { range } of ranges) {
    const locale = formattable(range);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.ListFormat>(
  kind: string,
  locale: Locale,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached("n", locale, options, () => new Intl.NumberFormat(locale, options));
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached("d", locale, options, () => new Intl.DateTimeFormat(locale, options));
}

/** Placeholder for a figure that cannot be computed (division by zero, no data yet). */
export const NO_VALUE = "—";

/** The exact figure, with the locale's grouping: 1,234,567 / 1.234.567 / 12,34,567. */
export function formatNumber(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** Short form for reading at a glance: 1.2M, 123万, 12 k. */
export function formatCompact(value: number, locale: Locale): string {
  return numberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * A chart axis tick, on an axis spanning `span` with ticks `step` apart. Compact reads best, unless
 * the axis spans a small band of a big number (44,900 to 45,100), where compact forms would print
 * "45K" on every tick; ticks closer than 1 apart (a ratio from 0.9 to 1.1) get the decimals that
 * tell them apart.
 */
export function formatAxisTick(value: number, span: number, step: number, locale: Locale): string {
  const magnitude = Math.abs(value);
  if (step > 0 && step < 1) {
    const digits = Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
    return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  if (magnitude < 10_000 || span <= 0 || magnitude / span > 20) return formatNumber(value, locale);
  return formatCompact(value, locale);
}

/** A change between two polls, always signed so "+0" and "+12" read as changes, not totals. */
export function formatDelta(value: number, locale: Locale): string {
  return numberFormat(locale, { maximumFractionDigits: 0, signDisplay: "always" }).format(value);
}

/** A derived ratio; null (undefined ratio) renders as a dash rather than NaN or Infinity. */
export function formatRatio(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A per-minute rate: decimals only where they carry information (under 100 a minute). */
export function formatRate(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return Math.abs(value) >= 100 ? formatNumber(value, locale) : formatRatio(value, locale);
}

/** A duration in whole seconds as a unit: "5 sec", "5 秒", "5 s". */
export function formatSeconds(seconds: number, locale: Locale): string {
  return numberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short" }).format(seconds);
}

/** Wall-clock time with seconds, which is the resolution polling works at. */
export function formatTime(time: Date | number, locale: Locale): string {
  return dateFormat(locale, { timeStyle: "medium" }).format(time);
}

/**
 * A time-axis label, as precise as the spacing of the ticks needs: "21:07:45" for ticks seconds
 * apart, "21:00" for minutes or hours, "Nov 25" for days, and for a tick at local midnight, so an
 * axis that crosses into the next day says so. Narrow labels keep a small chart legible.
 */
export function formatTimeTick(time: Date | number, stepMs: number, locale: Locale): string {
  const d = new Date(time);
  const midnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  if (stepMs >= 86_400_000 || midnight) return dateFormat(locale, { month: "short", day: "numeric" }).format(time);
  if (stepMs < 60_000) return formatTime(time, locale);
  return dateFormat(locale, { timeStyle: "short" }).format(time);
}

/** Date and time, for tooltips and anything that may be read on another day (tickets). */
export function formatDateTime(time: Date | number, locale: Locale): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(time);
}

/**
 * How long ago `then` was, relative to `now`: "now", "12 seconds ago", "3 minutes ago".
 * Future times (a clock a little ahead) are clamped to "now" instead of reading "in 2 seconds".
 */
export function formatAgo(then: Date | number, now: Date | number, locale: Locale): string {
  const seconds = Math.max(0, Math.floor((Number(now) - Number(then)) / 1000));
  const rtf = cached("r", locale, { numeric: "auto" }, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  if (seconds < 60) return rtf.format(-seconds, "second");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return rtf.format(-hours, "hour");
  return rtf.format(-Math.floor(hours / 24), "day");
}

/** How far in the future `then` is, for expiry warnings: "in 5 hours", "tomorrow". */
export function formatIn(then: Date | number, now: Date | number, locale: Locale): string {
  const seconds = Math.max(0, Math.round((Number(then) - Number(now)) / 1000));
  const rtf = cached("r", locale, { numeric: "auto" }, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }));
  if (seconds < 60) return rtf.format(seconds, "second");
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return rtf.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(hours, "hour");
  return rtf.format(Math.round(hours / 24), "day");
}

/**
 * A stretch of time in its two largest units, for stream durations and "time since start" axes:
 * "1 hr 5 min", "12 min 30 sec", "45 sec". Intl.DurationFormat is not in Node 20, so the parts are
 * formatted as units and joined with the locale's list format.
 */
export function formatElapsed(ms: number, locale: Locale): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const unit = (value: number, unit: "hour" | "minute" | "second") =>
    numberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
  const parts =
    hours > 0
      ? [unit(hours, "hour"), ...(minutes > 0 ? [unit(minutes, "minute")] : [])]
      : minutes > 0
        ? [unit(minutes, "minute"), ...(seconds > 0 ? [unit(seconds, "second")] : [])]
        : [unit(seconds, "second")];
  const list = cached("l", locale, { style: "narrow", type: "unit" }, () => new Intl.ListFormat(locale, { style: "narrow", type: "unit" }));
  return list.format(parts);
}
