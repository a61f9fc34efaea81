// Axis ticks and labels decided before a chart renders, from the data alone: round local times (or
// round durations), round values and an axis width estimated from the labels. Both of the console's
// chart renderers take them as they are: the SVG small multiples draw them, and the Recharts wrapper
// (components/charts/time-series-chart.tsx) is given them with interval 0, since left to pick its own
// ticks Recharts measures every candidate label in the DOM, a forced layout per label (bench/README.md).
import { scaleLinear, scaleTime } from "d3-scale";
import { formatAxisTick, formatElapsed, formatTimeTick } from "@/lib/format";

/** About this many labels fit under a small multiple even on a phone. */
export const TIME_TICK_COUNT = 4;
export const VALUE_TICK_COUNT = 4;

/** At most `count` ticks on round local times (…:00, :15, :30; whole hours; midnights) inside `domain`. */
export function timeTicks(domain: readonly [number, number], count = TIME_TICK_COUNT): number[] {
  const [from, to] = domain;
  if (!(to > from)) return [from];
  const scale = scaleTime().domain([from, to]);
  // d3 treats the count as a hint and may return more (six hourly ticks for "four" over 5.5 h).
  for (let hint = count; hint > 1; hint--) {
    const ticks = scale.ticks(hint);
    if (ticks.length <= count) return ticks.map((d) => d.getTime());
  }
  return scale.ticks(1).map((d) => d.getTime());
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
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

/**
 * Width for a value axis whose labels are `labels`, estimated from their length (digits are about
 * 0.6 em wide) instead of measured after drawing, which is what `width="auto"` does.
 */
export function valueAxisWidth(labels: readonly string[], fontSize = 11): number {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  return Math.ceil(longest * fontSize * 0.6 + 14);
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
    fontSize?: number;
    locale: string;
    /** The reader's IANA zone, for times of day. */
    timeZone: string;
    /** Times of day (the default), or durations since a start, as when rooms are compared by stream start. */
    x?: "time" | "elapsed";
  },
): ChartAxes {
  const y = valueAxis(values, options);
  const span = y.domain[1] - y.domain[0];
  const yStep = y.ticks.length > 1 ? y.ticks[1]! - y.ticks[0]! : span;
  // Every label of the axis in one form, chosen by its largest tick.
  const axisMax = Math.max(0, ...y.ticks.map(Math.abs));
  const yLabel = (v: number) => formatAxisTick(v, span, yStep, options.locale, axisMax);
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
