"use client";

import { memo, useMemo, useState, type ReactNode } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis, type MouseHandlerDataParam } from "recharts";
import { dragWindow, type TimeWindow } from "@/lib/history/range";
import { chartAxes, timeLabelOverhang } from "@/lib/charts/axes";
import { nearestIndex } from "@/lib/charts/nearest";
import { formatDateTime, formatElapsed } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { cn } from "@/components/ui/cn";
import { CHART, seriesColor } from "./chart-theme";
import { ChartTooltip } from "./chart-tooltip";

// The console's Recharts renderer: the live chart and the compared rooms. The recorded-history small
// multiples are the other renderer (history-chart.tsx, plain SVG, for speed); both take their ticks
// from lib/charts/axes.ts and their look from chart-theme.ts, and show the same tooltip.

export interface TimeSeriesPoint {
  t: number;
  /** null breaks the line: a gap in the samples. */
  value: number | null;
}

export interface TimeSeries<P extends TimeSeriesPoint = TimeSeriesPoint> {
  name: string;
  /** Where several are overlaid; otherwise, and by default, SERIES_COLORS in order. */
  color?: string;
  points: readonly P[];
}

export interface TimeSeriesChartProps<P extends TimeSeriesPoint = TimeSeriesPoint> {
  /** One line each; several are told apart by colour (the page shows one legend for all its charts). */
  series: readonly TimeSeries<P>[];
  /** Totals hug their own range in whole numbers; ratios (and indices) hug it with fractions; rates start at zero. */
  kind: "total" | "rate" | "ratio";
  /** A linear value axis, or a log10 one (whose values must be above zero: null the others). */
  scale?: "linear" | "log";
  /** `t` as times of day, or as durations since each series' start. */
  x?: "time" | "elapsed";
  /** A value in the tooltip, in the reader's locale; given the point too, for what else it carries. */
  format: (value: number, locale: string, point: P) => string;
  /** Dots on the samples, for a line of few of them. */
  dots?: boolean;
  /** The plot's size (a height class); the width is the container's. */
  className: string;
  /** Charts with the same group show their tooltips together, at the same moment (a grid of them). */
  syncId?: string;
  /** Dragging across a chart of times of day selects a window to zoom into; no zoom without it. */
  onZoom?: (window: TimeWindow) => void;
}

const TICK = { fontSize: CHART.fontSize, fill: CHART.axis };
const MARGIN = { top: 8, right: 24, bottom: 0, left: 0 };

/**
 * Memoised: the pages around it re-render on every poll. Times of day on its axis go without their
 * zone: the page says it once, beside the chart or under a grid of them (charts.timesIn).
 */
export const TimeSeriesChart = memo(function TimeSeriesChart<P extends TimeSeriesPoint>({
  series,
  kind,
  scale = "linear",
  x = "time",
  format,
  dots = false,
  className,
  syncId,
  onZoom,
}: TimeSeriesChartProps<P>) {
  const locale = useLocale();
  // A drag in progress, as times under the pointer where it started and where it is now.
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const zoomable = onZoom !== undefined && x === "time";
  const labelOf = (state: MouseHandlerDataParam) => (typeof state.activeLabel === "number" ? state.activeLabel : Number(state.activeLabel));
  const timeZone = useTimeZone();
  const axes = useMemo(() => {
    const values = series.flatMap((s) => s.points.flatMap((p) => p.value ?? []));
    const times = series.flatMap((s) => s.points.map((p) => p.t));
    const domain: [number, number] = [Math.min(...times), Math.max(...times)];
    return chartAxes(values, domain, { fromZero: kind === "rate", integer: kind === "total", scale, fontSize: CHART.fontSize, locale, timeZone, x });
  }, [series, kind, scale, x, locale, timeZone]);
  // Room for a time label centred on a tick at either end of the axis: Recharts' svg clips what
  // passes its edge. On the left the value axis gives part of it already.
  const margin = useMemo(() => {
    const overhang = timeLabelOverhang(axes);
    return { ...MARGIN, right: Math.max(MARGIN.right, overhang), left: Math.max(MARGIN.left, overhang - axes.yWidth) };
  }, [axes]);
  // Overlaid series (compared rooms) are told apart by colour, in the tooltip too.
  const overlaid = series.length > 1 || series.some((s) => s.color);
  const color = (i: number) => series[i]!.color ?? (overlaid ? seriesColor(i) : CHART.line);

  return (
    <div className={cn(className, zoomable && "cursor-crosshair select-none")}>
      <LineChart
        responsive
        style={{ width: "100%", height: "100%" }}
        margin={margin}
        syncId={syncId}
        syncMethod="value"
        onMouseDown={zoomable ? (state) => Number.isFinite(labelOf(state)) && setDrag({ start: labelOf(state), end: labelOf(state) }) : undefined}
        onMouseMove={zoomable ? (state) => drag && Number.isFinite(labelOf(state)) && setDrag({ ...drag, end: labelOf(state) }) : undefined}
        onMouseUp={
          zoomable
            ? () => {
                const window = drag && dragWindow(drag.start, drag.end);
                setDrag(null);
                if (window) onZoom(window);
              }
            : undefined
        }
        onMouseLeave={() => setDrag(null)}
      >
        {/* Ticks chosen beforehand and given as-is (interval 0), so Recharts measures no label; the grid at
            the value ticks directly, since left to itself it measures the labels again (bench/README.md). */}
        <CartesianGrid
          stroke={CHART.grid}
          vertical={false}
          horizontalCoordinatesGenerator={({ yAxis }) => axes.y.ticks.flatMap((v) => yAxis?.scale?.map(v) ?? [])}
          verticalCoordinatesGenerator={() => []}
        />
        <XAxis
          dataKey="t"
          type="number"
          scale={x === "time" ? "time" : "linear"}
          domain={axes.xDomain}
          ticks={axes.x}
          interval={0}
          tickFormatter={axes.xLabel}
          stroke={CHART.axis}
          tick={TICK}
          tickSize={CHART.tickSize}
        />
        <YAxis
          type="number"
          scale={scale}
          domain={axes.y.domain}
          ticks={axes.y.ticks}
          interval={0}
          tickFormatter={axes.yLabel}
          stroke={CHART.axis}
          tick={TICK}
          tickLine={false}
          width={axes.yWidth}
        />
        <Tooltip
          content={(props) => (
            <SeriesTooltip active={props.active} label={props.label} series={series} color={color} x={x} format={format} locale={locale} colored={overlaid} />
          )}
          cursor={{ stroke: CHART.cursor }}
          isAnimationActive={false}
        />
        {series.map((s, i) => (
          <Line
            key={s.name}
            // Each series its own array: compared rooms were sampled at different moments.
            data={s.points as P[]}
            dataKey="value"
            name={s.name}
            type="linear"
            stroke={color(i)}
            strokeWidth={CHART.lineWidth}
            dot={dots ? { r: 2, fill: color(i) } : false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        {drag && drag.start !== drag.end ? <ReferenceArea x1={drag.start} x2={drag.end} fill={CHART.line} fillOpacity={0.15} stroke={CHART.line} strokeOpacity={0.6} /> : null}
      </LineChart>
    </div>
  );
}) as <P extends TimeSeriesPoint>(props: TimeSeriesChartProps<P>) => ReactNode;

/**
 * The exact figures at the moment under the pointer: each series' sample nearest it. Recharts' own
 * payload only has the series sampled at exactly that moment, and compared rooms never are.
 */
function SeriesTooltip<P extends TimeSeriesPoint>({
  active,
  label,
  series,
  color,
  x,
  format,
  locale,
  colored,
}: Pick<TimeSeriesChartProps<P>, "series" | "format"> & { active?: boolean; label?: unknown; color: (i: number) => string; x: "time" | "elapsed"; locale: string; colored: boolean }) {
  const timeZone = useTimeZone();
  const t = Number(label);
  if (!active || !Number.isFinite(t)) return null;
  const rows = series.flatMap((s, i) => {
    const point = s.points[nearestIndex(s.points, t)];
    return point && point.value !== null ? [{ label: s.name, value: format(point.value, locale, point), color: colored ? color(i) : undefined }] : [];
  });
  if (rows.length === 0) return null;
  return <ChartTooltip time={x === "time" ? formatDateTime(t, locale, timeZone) : formatElapsed(t, locale)} rows={rows} />;
}
