// Every number and time the console shows goes through here, formatted with Intl in the reader's
// locale and, for times, their time zone. Both are always passed in: left to itself Intl takes the
// runtime's defaults, which are the server's while rendering and the browser's after hydration, and
// the two disagree (React's hydration error #418). The UI gets them from the request
// (lib/i18n/negotiate.ts, through useLocale and useTimeZone); tests pass any BCP 47 tag and IANA
// zone. Formatters are cached because Intl constructors are slow enough to matter when six cards
// and a chart re-render every second.

/** A BCP 47 language tag ("en", "zh-CN", "de-DE"). */
export type Locale = string;

export const DEFAULT_LOCALE: Locale = "en";

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

/** Short form for reading at a glance: 1.2M, 123万, 12 k; `fractionDigits` more where ticks need them apart. */
export function formatCompact(value: number, locale: Locale, fractionDigits = 1): string {
  return numberFormat(locale, { notation: "compact", maximumFractionDigits: fractionDigits }).format(value);
}

/**
 * A chart axis tick, on an axis spanning `span` with ticks `step` apart whose largest tick is
 * `axisMax` (in magnitude). Compact reads best, unless the axis spans a small band of a big number
 * (44,900 to 45,100), where compact forms would print "45K" on every tick; ticks closer than 1 apart
 * (a ratio from 0.9 to 1.1) get the decimals that tell them apart. Decided for the axis, not the
 * tick: one axis reading "20K, 15K, 10K, 5,000" mixes two forms.
 */
export function formatAxisTick(value: number, span: number, step: number, locale: Locale, axisMax: number = Math.abs(value)): string {
  const magnitude = Math.max(Math.abs(value), axisMax);
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

/**
 * The decimals a per-minute rate over a window of `windowMinutes` supports. Counts are whole, so
 * over W minutes a rate moves in steps of 1/W a minute: 1 at 1 min, 0.2 at 5, 0.067 at 15. The
 * decimal place nearest that step is the last one worth showing (10^-round(log10 W)): none at
 * 1 min, one at 5 and 15, two from about 32 minutes (an average over a long stream).
 */
export function rateFractionDigits(windowMinutes: number): number {
  if (!(windowMinutes > 1) || !Number.isFinite(windowMinutes)) return 0;
  return Math.min(3, Math.max(0, Math.round(Math.log10(windowMinutes))));
}

/**
 * A per-minute rate over a window of `windowMinutes`, rounded to what the data supports: no more
 * decimals than rateFractionDigits, and never more than 3 significant figures (a window's span
 * varies by up to a few samples' spacing, so the 4th figure of 12,345 a minute is noise): "264"
 * rather than "263.68" at 1 min, "2.4" at 5 min, "12,300".
 */
export function formatRate(value: number | null | undefined, locale: Locale, windowMinutes: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return numberFormat(locale, { maximumFractionDigits: rateFractionDigits(windowMinutes), maximumSignificantDigits: 3, roundingPriority: "lessPrecision" }).format(value);
}

/** formatRate for one window, in the shape charts take a formatter; the same function for the same window. */
export function rateFormatter(windowMinutes: number): (value: number, locale: Locale) => string {
  let formatter = rateFormatters.get(windowMinutes);
  if (!formatter) {
    formatter = (value, locale) => formatRate(value, locale, windowMinutes);
    rateFormatters.set(windowMinutes, formatter);
  }
  return formatter;
}
const rateFormatters = new Map<number, (value: number, locale: Locale) => string>();

/** A duration in whole seconds as a unit: "5 sec", "5 秒", "5 s". */
export function formatSeconds(seconds: number, locale: Locale): string {
  return numberFormat(locale, { style: "unit", unit: "second", unitDisplay: "short" }).format(seconds);
}

/** Wall-clock time with seconds, which is the resolution polling works at. */
export function formatTime(time: Date | number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { timeStyle: "medium", timeZone }).format(time);
}

/** The hour, minute and second of `time` in `timeZone`. */
function clock(time: Date | number, timeZone: string): { hour: number; minute: number; second: number } {
  const parts = dateFormat("en-US", { hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23", timeZone }).formatToParts(time);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: part("hour"), minute: part("minute"), second: part("second") };
}

/**
 * A time-axis label, as precise as the spacing of the ticks needs: "21:07:45" for ticks seconds
 * apart, "21:00" for minutes or hours, "Nov 25" for days, and for a tick at midnight in the
 * reader's zone, so an axis that crosses into the next day says so. Narrow labels keep a small
 * chart legible; the axis says the zone once (formatTimeZone).
 */
export function formatTimeTick(time: Date | number, stepMs: number, locale: Locale, timeZone: string): string {
  const { hour, minute, second } = clock(time, timeZone);
  const midnight = hour === 0 && minute === 0 && second === 0;
  if (stepMs >= 86_400_000 || midnight) return dateFormat(locale, { month: "short", day: "numeric", timeZone }).format(time);
  if (stepMs < 60_000) return formatTime(time, locale, timeZone);
  return dateFormat(locale, { timeStyle: "short", timeZone }).format(time);
}

/** Date and time with its zone, for tooltips and anything that may be read on another day (tickets). */
export function formatDateTime(time: Date | number, locale: Locale, timeZone: string): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "long", timeZone }).format(time);
}

/**
 * The zone's short name at `time` in the reader's locale, to say once beside times that do not
 * carry it: "UTC", "GMT+8", "CET".
 */
export function formatTimeZone(time: Date | number, locale: Locale, timeZone: string): string {
  const parts = dateFormat(locale, { timeZoneName: "short", timeZone }).formatToParts(time);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
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

/**
 * The exact figure while it is at most `maxChars` long, else the compact one: a wall's big number
 * stays exact (12,345) until it would no longer fit its tile (1.2M).
 */
export function formatFitting(value: number, locale: Locale, maxChars: number): string {
  const full = formatNumber(value, locale);
  return full.length <= maxChars ? full : formatCompact(value, locale);
}
