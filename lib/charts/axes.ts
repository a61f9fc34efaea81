// Axis ticks and labels decided before a chart renders, from the data alone: round local times (or
// round durations), round values and an axis width estimated from the labels. Both of the console's
// chart renderers take them as they are: the SVG small multiples draw them, and the Recharts wrapper
// (components/charts/time-series-chart.tsx) is given them with interval 0, since left to pick its own
// ticks Recharts measures every candidate label in the DOM, a forced layout per label (bench/README.md).
import { scaleLinear, scaleTime } from "d3-scale";
import { formatAxisTick, formatCompact, formatElapsed, formatNumber, formatTimeTick } from "@/lib/format";

/** About this many labels fit under a small multiple even on a phone. */
export const TIME_TICK_COUNT = 4;
export const VALUE_TICK_COUNT = 4;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** At most `count` ticks on round local times (…:00, :15, :30; whole hours; midnights) inside `domain`. */
export function timeTicks(domain: readonly [number, number], count = TIME_TICK_COUNT): number[] {
  const [from, to] = domain;
  if (!(to > from)) return [from];
  const scale = scaleTime().domain([from, to]);
  // d3 treats the count as a hint and may return more (six hourly ticks for "four" over 5.5 h).
  // Labels read to the second, so ticks are whole seconds: over the first two seconds of a live
  // chart d3 would put them on half-seconds, and two labels would read the same.
  const whole = (ticks: Date[]) => ticks.map((d) => d.getTime()).filter((t) => t % SECOND === 0);
  for (let hint = count; hint > 1; hint--) {
    const ticks = scale.ticks(hint);
    if (ticks.length <= count) return whole(ticks);
  }
  return whole(scale.ticks(1));
}

/** Durations a "time since start" axis steps by, each a round figure to read. */
const ELAPSED_STEPS = [1, 2, 5, 10, 15, 30].map((n) => n * SECOND).concat(
  [1, 2, 5, 10, 15, 30].map((n) => n * MINUTE),
  [1, 2, 3, 6, 12].map((n) => n * HOUR),
  [1, 2, 7].map((n) => n * DAY),
);

/** At most `count` ticks on round durations (every 15 min, every 2 h) inside `domain`, in ms. */
export function elapsedTicks(domain: readonly [number, number], count = TIME_TICK_COUNT): number[] {
  const [from, to] = domain;
  if (!(to > from)) return [from];
  const fits = (step: number) => Math.floor(to / step) - Math.ceil(from / step) + 1 <= count;
  const step = ELAPSED_STEPS.find(fits) ?? Math.ceil((to - from) / count / DAY) * DAY;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/**
 * The value axis for `values`: round ticks, a domain that ends on them, and, for counters, whole
 * numbers only. `fromZero` starts at zero (rates); otherwise the axis hugs the values' own range,
 * since a running total recorded mid-stream would else be a flat line near the top.
 */
export function valueAxis(values: readonly number[], options: { fromZero: boolean; integer: boolean; count?: number }): ValueAxis {
  const count = options.count ?? VALUE_TICK_COUNT;
  let lo = options.fromZero ? 0 : Math.min(...values);
  let hi = Math.max(...values, lo);
  if (values.length === 0) [lo, hi] = [0, 1];
  // A flat line still gets an axis around it.
  if (hi === lo) [lo, hi] = lo === 0 ? [0, 1] : options.fromZero ? [0, hi * 2] : [lo - Math.max(1, Math.abs(lo) * 0.1), hi + Math.max(1, Math.abs(hi) * 0.1)];
  const scale = scaleLinear().domain([lo, hi]).nice(count);
  let ticks = scale.ticks(count);
  if (options.integer) {
    ticks = ticks.filter(Number.isInteger);
    // d3 steps below 1 leave a small span with one whole tick or none: step by 1 instead.
    if (ticks.length < 2) {
      const [a, b] = scale.domain() as [number, number];
      ticks = [];
      for (let v = Math.ceil(a); v <= Math.floor(b); v++) ticks.push(v);
    }
  }
  const [a, b] = scale.domain() as [number, number];
  return { domain: [Math.min(a, ticks[0] ?? a), Math.max(b, ticks.at(-1) ?? b)], ticks };
}

/** Mantissas of the "1-2-5" ticks a log axis falls back to when it spans too few decades. */
const ONE_TWO_FIVE = [1, 2, 5] as const;

/** The 1-2-5 values (…, 0.5, 1, 2, 5, 10, 20, …) from the one at or below `lo` to the one at or above `hi`. */
function oneTwoFive(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let exponent = Math.floor(Math.log10(lo)) - 1; exponent <= Math.ceil(Math.log10(hi)); exponent++) {
    // Rounded: 2 × 10^-1 in floating point is 0.20000000000000004, which would not read as "0.2".
    for (const m of ONE_TWO_FIVE) out.push(Number((m * 10 ** exponent).toPrecision(12)));
  }
  const first = out.findLastIndex((v) => v <= lo);
  const last = out.findIndex((v) => v >= hi);
  return out.slice(Math.max(0, first), last + 1);
}

/**
 * A log10 value axis for the positive `values` (zero and below have no place on it; the caller
 * leaves them out of the line). Ticks are whole powers of ten (1, 10, 100, 1K…), every second or
 * third one when the values span many decades; values within about two decades get the 1-2-5 ticks
 * between them (20, 50, 100, 200) instead, so the axis still has labels to read. The domain ends
 * on ticks, as on a linear axis.
 */
export function logAxis(values: readonly number[], count = VALUE_TICK_COUNT): ValueAxis {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v));
  if (positive.length === 0) return { domain: [1, 10], ticks: [1, 10] };
  let lo = Math.min(...positive);
  let hi = Math.max(...positive);
  // A flat line still gets an axis around it: the 1-2-5 values either side.
  if (lo === hi) [lo, hi] = [lo * 0.99, hi * 1.01];
  const fine = oneTwoFive(lo, hi);
  if (fine.length <= count + 1) return { domain: [fine[0]!, fine.at(-1)!], ticks: fine };
  const from = Math.floor(Math.log10(lo));
  const decades = Math.ceil(Math.log10(hi)) - from;
  // Every `step`th power of ten, so at most count + 1 labels whatever the span.
  const step = Math.max(1, Math.ceil(decades / count));
  const ticks: number[] = [];
  for (let e = from; e < from + decades + step; e += step) {
    ticks.push(Number((10 ** e).toPrecision(12)));
    if (10 ** e >= hi) break;
  }
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}

/**
 * Width for a value axis whose labels are `labels`, estimated from their length (digits are about
 * 0.6 em wide) instead of measured after drawing, which is what `width="auto"` does.
 */
export function valueAxisWidth(labels: readonly string[], fontSize = 11): number {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  return Math.ceil(longest * fontSize * 0.6 + 14);
}

// Chinese, Japanese and Korean characters and the full-width forms: about 1 em wide each.
const WIDE_CHARACTER = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** About how wide `label` is drawn at `fontSize`, estimated as valueAxisWidth does (0.6 em a character), wide characters at 1 em. */
export function labelWidth(label: string, fontSize = 11): number {
  let ems = 0;
  for (const character of label) ems += WIDE_CHARACTER.test(character) ? 1 : 0.6;
  return ems * fontSize;
}

/**
 * How far past either end of the time axis its labels can reach: each is centred on its tick, and
 * where the ticks fall depends on the moment, so any of them may land at the very end. A chart that
 * keeps this much room beside both ends cuts none off (a live chart's last label was, at 390 px).
 */
export function timeLabelOverhang(axes: Pick<ChartAxes, "x" | "xLabel" | "fontSize">): number {
  const widest = Math.max(0, ...axes.x.map((t) => labelWidth(axes.xLabel(t), axes.fontSize)));
  // A pixel or two for fonts a little wider than the estimate.
  return Math.ceil(widest / 2) + 2;
}

export interface ChartAxes {
  xDomain: [number, number];
  /** Time ticks for the x axis. */
  x: number[];
  xLabel: (time: number) => string;
  y: ValueAxis;
  yLabel: (value: number) => string;
  yWidth: number;
  /** The labels' size, which the width was estimated for. */
  fontSize: number;
}

/** Both axes of a time-series chart of `values` over `domain`, labels and width included. */
export function chartAxes(
  values: readonly number[],
  domain: readonly [number, number],
  options: {
    fromZero: boolean;
    integer: boolean;
    /** A log10 axis (logAxis) instead of a linear one; fromZero and integer do not apply to it. */
    scale?: "linear" | "log";
    fontSize?: number;
    locale: string;
    /** The reader's IANA zone, for times of day. */
    timeZone: string;
    /** Times of day (the default), or durations since a start, as when rooms are compared by stream start. */
    x?: "time" | "elapsed";
  },
): ChartAxes {
  const log = options.scale === "log";
  const y = log ? logAxis(values) : valueAxis(values, options);
  const span = y.domain[1] - y.domain[0];
  const yStep = y.ticks.length > 1 ? y.ticks[1]! - y.ticks[0]! : span;
  // A log axis's ticks are round figures of every size (0.5, 1, 10, 100K): each reads best compact.
  // Otherwise every label of the axis in one form, chosen by its largest tick.
  const axisMax = Math.max(0, ...y.ticks.map(Math.abs));
  const axisLabel = log ? (v: number) => formatCompact(v, options.locale) : (v: number) => formatAxisTick(v, span, yStep, options.locale, axisMax);
  // Two ticks must never read the same, and a linear axis reads in one form (a log axis's decades
  // are of every size on purpose). Compact forms round to
  // their unit, and 万 is ten times K: 44,600 and 44,800 are "44.6K" and "44.8K" but both "4.5万";
  // and below 10,000 Chinese has no compact form ("5000, 1万, 1.5万"). Then a decimal more, else in full.
  const readable = (label: (v: number) => string) => {
    const labels = y.ticks.map(label);
    const units = new Set(y.ticks.flatMap((v, i) => (v === 0 ? [] : [labels[i]!.replace(/^[-+\d.,\s\u00a0]+/, "")])));
    return new Set(labels).size === labels.length && units.size <= 1;
  };
  const yLabel = log ? axisLabel : ([axisLabel, (v: number) => formatCompact(v, options.locale, 2), (v: number) => formatNumber(v, options.locale)].find(readable) ?? axisLabel);
  const fontSize = options.fontSize ?? 11;
  const elapsed = options.x === "elapsed";
  const x = elapsed ? elapsedTicks(domain) : timeTicks(domain);
  const xStep = x.length > 1 ? x[1]! - x[0]! : domain[1] - domain[0];
  return {
    xDomain: [domain[0], domain[1]],
    x,
    xLabel: elapsed ? (t: number) => formatElapsed(t, options.locale) : (t: number) => formatTimeTick(t, xStep, options.locale, options.timeZone),
    y,
    yLabel,
    yWidth: valueAxisWidth(y.ticks.map(yLabel), fontSize),
    fontSize,
  };
}
