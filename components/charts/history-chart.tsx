"use client";

import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useTranslations } from "next-intl";
import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from "react";
import { CHART } from "@/components/charts/chart-theme";
import { setCrosshair, useCrosshair } from "@/components/charts/crosshair";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { chartAxes, type ChartAxes } from "@/lib/charts/axes";
import { dragWindow, type TimeWindow } from "@/lib/history/range";
import { nearestIndex } from "@/lib/charts/nearest";
import { formatDateTime, formatTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";

// The small multiples of recorded history (the room page and the post-stream report): the console's
// SVG renderer, drawn from d3 scales and a d3 line, not with Recharts like the live chart and the
// compared rooms (time-series-chart.tsx). Both renderers take their ticks from lib/charts/axes.ts, their
// look from chart-theme.ts and show the same ChartTooltip, so they read as one chart. Six Recharts charts
// took about 35-45 ms each to mount here, 100 ms for the first, and a page of them 400 ms, against a
// target of 100 ms for the whole grid (bench/README.md). What they need is small: a line with holes,
// a few ticks, markers, and a crosshair shared across the grid with the exact value at each chart.

export interface HistoryChartProps<Row extends { t: number }> {
  title: string;
  rows: readonly Row[];
  dataKey: keyof Row & string;
  /** Every small multiple shares one time axis, so they line up and share a crosshair. */
  domain: [number, number];
  /** Charts with the same group share the crosshair. */
  syncId: string;
  /** A value as text in the reader's locale: formatNumber, formatRatio and the like fit as they are. */
  format: (value: number, locale: string) => string;
  /** Shown beside the title: the final total, the peak… */
  summary?: string;
  /**
   * Totals (whole numbers) and ratios are scaled to their own range, since a recording that starts
   * mid-stream would otherwise draw every total as a flat line near the top; rates start at zero.
   */
  kind: "total" | "rate" | "ratio";
  /** Moments drawn as labelled vertical lines: stream start and end, counter resets. */
  markers?: readonly { t: number; label: string }[];
  /** Said instead of a plot when no row has a value; "Nothing recorded" by default. */
  emptyText?: string;
  /** What the value axis counts, written at its top ("per min"). */
  unit?: string;
  /** Dragging across the plot selects a time window to zoom into; no zoom without it. */
  onZoom?: (window: TimeWindow) => void;
  /** Also drawn at the size it is printed at (PRINT_FRAME), for a page that is printed: the report. */
  printable?: boolean;
}

const NO_MARKERS: NonNullable<HistoryChartProps<{ t: number }>["markers"]> = [];
const HEIGHT = 144;
// Room at the top for the value axis's unit, above its highest label.
const MARGIN = { top: 18, right: 24, bottom: 20 };

/** The size a plot is drawn at, in CSS px, and its labels' size. */
interface Frame {
  width: number;
  height: number;
  fontSize: number;
}

/**
 * The plot on paper: half the width of A4 inside the report's margins (report-view.tsx prints two
 * charts to a row, each card leaving 321 px of 703), drawn at exactly that size so that its labels
 * print at 12 px, 9 pt. A browser lays a page out again for the paper without running its scripts,
 * so the plot measured on screen was only scaled into the column, its labels with it: 7 pt printed
 * from a 1280 px window, less from wider ones.
 */
export const PRINT_FRAME: Frame = { width: 320, height: 156, fontSize: 12 };

const valueOf = <Row extends { t: number }>(row: Row | undefined, key: keyof Row & string): number | null => {
  const v = row?.[key];
  return typeof v === "number" ? v : null;
};

/**
 * One metric over time, small enough to sit in a grid of six. Null values are holes, which is how
 * gaps in the recording and counter resets show. Memoised: the room page around it re-renders on
 * every poll.
 */
export const HistoryChart = memo(function HistoryChart<Row extends { t: number }>(props: HistoryChartProps<Row>) {
  const t = useTranslations("charts");
  const headingId = useId();
  const { title, rows, dataKey, emptyText } = props;
  const recorded = rows.some((row) => valueOf(row, dataKey) !== null);
  return (
    <Card as="figure" aria-labelledby={headingId} className="min-w-0 p-3 break-inside-avoid">
      <figcaption className="flex items-baseline justify-between gap-2 px-1">
        <span id={headingId} className="text-sm font-medium">
          {title}
        </span>
        <Readout {...props} />
      </figcaption>
      {recorded ? (
        <>
          <HistoryPlot {...props} />
          {props.printable ? <PrintPlot {...props} /> : null}
        </>
      ) : (
        <div className="mt-2 flex h-36 items-center justify-center text-xs text-zinc-500">{emptyText ?? t("nothingRecorded")}</div>
      )}
    </Card>
  );
}) as <Row extends { t: number }>(props: HistoryChartProps<Row>) => ReactNode;

/**
 * The caption's right-hand side: the summary, or, while the group's crosshair is on a moment, this
 * chart's exact value and its time. In the caption rather than a box over the plot: six charts
 * share the crosshair, and six floating boxes covered the lines being read (and were cut off at
 * the edge of the grid).
 */
function Readout<Row extends { t: number }>({ summary, rows, dataKey, syncId, format }: HistoryChartProps<Row>) {
  const hovered = useCrosshair(syncId);
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("charts");
  const row = hovered === null ? undefined : rows[nearestIndex(rows, hovered)];
  const value = valueOf(row, dataKey);
  const summaryText = summary ? <span className="text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400 print:text-zinc-600">{summary}</span> : null;
  if (hovered !== null) {
    // Paper gets the summary, not the moment a pointer happened to rest on when Print was pressed.
    return (
      <>
        <span data-readout className="text-xs font-medium whitespace-nowrap tabular-nums print:hidden" aria-hidden="true">
          {row && value !== null ? t("readout", { value: format(value, locale), time: formatTime(row.t, locale, timeZone) }) : t("noValue")}
        </span>
        {summaryText ? <span className="hidden print:inline">{summaryText}</span> : null}
      </>
    );
  }
  return summaryText;
}

/** The width of an element, measured before the first paint and kept up to date. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** The axes and scales of one plot of `frame`'s size. */
function usePlot<Row extends { t: number }>({ rows, dataKey, domain, kind }: HistoryChartProps<Row>, { width, height, fontSize }: Frame) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const axes = useMemo(() => {
    const values = rows.flatMap((row) => valueOf(row, dataKey) ?? []);
    return chartAxes(values, domain, { fromZero: kind === "rate", integer: kind === "total", fontSize, locale, timeZone });
  }, [rows, dataKey, kind, domain, fontSize, locale, timeZone]);
  const x = useMemo(() => scaleLinear().domain(axes.xDomain).range([axes.yWidth, Math.max(axes.yWidth + 1, width - MARGIN.right)]), [axes, width]);
  const y = useMemo(() => scaleLinear().domain(axes.y.domain).range([height - MARGIN.bottom, MARGIN.top]), [axes, height]);
  return { axes, x, y };
}

/** A drag shorter than this many pixels is a click, not a selection. */
const MIN_DRAG_PX = 4;

function HistoryPlot<Row extends { t: number }>(props: HistoryChartProps<Row>) {
  const { title, rows, dataKey, domain, syncId, format, markers = NO_MARKERS, unit, printable, onZoom } = props;
  const t = useTranslations("charts");
  const [ref, width] = useWidth();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { axes, x, y } = usePlot(props, { width, height: HEIGHT, fontSize: CHART.fontSize });
  // Re-renders this wrapper as the crosshair moves; the memoised static layer is not redrawn.
  const hovered = useCrosshair(syncId);
  // A drag in progress, as pixels from the plot's left: where it started and where the pointer is.
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);

  function moveTo(t: number | null) {
    setCrosshair(syncId, t);
  }
  const pointerX = (event: PointerEvent<HTMLDivElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const px = pointerX(event);
    moveTo(x.invert(px));
    if (drag) setDrag({ ...drag, end: px });
  }
  // Mouse and pen only: on a touch screen a finger across the chart scrolls the page.
  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!onZoom || event.pointerType === "touch" || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const px = pointerX(event);
    setDrag({ start: px, end: px });
  }
  function onPointerUp() {
    if (!drag) return;
    setDrag(null);
    const window = Math.abs(drag.end - drag.start) >= MIN_DRAG_PX ? dragWindow(x.invert(drag.start), x.invert(drag.end)) : null;
    if (window && onZoom) onZoom(window);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const defined = rows.filter((row) => valueOf(row, dataKey) !== null);
    if (defined.length === 0) return;
    const current = nearestIndex(defined, hovered ?? defined.at(-1)!.t);
    const next: Record<string, number> = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: defined.length - 1 };
    if (event.key === "Escape") moveTo(null);
    else if (event.key in next) moveTo(defined[Math.min(Math.max(next[event.key]!, 0), defined.length - 1)]!.t);
    else return;
    event.preventDefault();
  }
  return (
    <div
      ref={ref}
      // The crosshair is a position on the time axis: a slider, for the keyboard and screen readers.
      role="slider"
      tabIndex={0}
      aria-label={t("overTime", { title })}
      aria-valuemin={axes.xDomain[0]}
      aria-valuemax={axes.xDomain[1]}
      aria-valuenow={hovered ?? axes.xDomain[1]}
      aria-valuetext={valueText(rows, dataKey, hovered, format, locale, timeZone, t)}
      onPointerMove={onPointerMove}
      onPointerDown={onPointerDown}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onPointerLeave={() => moveTo(null)}
      onKeyDown={onKeyDown}
      onBlur={() => moveTo(null)}
      className={cn(
        "relative mt-2 h-36 touch-pan-y rounded-sm outline-none select-none focus-visible:ring-2 focus-visible:ring-sky-500",
        printable ? "print:hidden" : "print:h-auto",
        onZoom && "cursor-crosshair",
      )}
    >
      {width > 0 ? (
        <>
          <StaticLayer
            axes={axes}
            x={x}
            y={y}
            width={width}
            height={HEIGHT}
            rows={rows}
            dataKey={dataKey}
            markers={markers}
            domain={domain}
            unit={unit}
            // Other pages print their charts as drawn on screen, scaled to fit the paper.
            className={printable ? undefined : "print:h-auto print:w-full"}
          />
          {hovered !== null && !drag ? <Crosshair t={hovered} rows={rows} dataKey={dataKey} x={x} y={y} width={width} /> : null}
          {drag && Math.abs(drag.end - drag.start) >= MIN_DRAG_PX ? (
            <div
              data-zoom-selection
              aria-hidden="true"
              className="pointer-events-none absolute border-x border-sky-500 bg-sky-500/15"
              style={{ left: Math.min(drag.start, drag.end), width: Math.abs(drag.end - drag.start), top: MARGIN.top, height: HEIGHT - MARGIN.top - MARGIN.bottom }}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * The plot as printed: PRINT_FRAME's size whatever the screen's, shown only on paper. Drawn with
 * the page rather than when printing starts, since a PDF made by a browser (Chromium's page.pdf)
 * may give scripts no moment to run before the paper layout is drawn.
 */
function PrintPlot<Row extends { t: number }>(props: HistoryChartProps<Row>) {
  const { axes, x, y } = usePlot(props, PRINT_FRAME);
  return (
    <div className="mt-2 hidden print:block">
      <StaticLayer
        axes={axes}
        x={x}
        y={y}
        width={PRINT_FRAME.width}
        height={PRINT_FRAME.height}
        rows={props.rows}
        dataKey={props.dataKey}
        markers={props.markers ?? NO_MARKERS}
        domain={props.domain}
        unit={props.unit}
        // Narrower paper than A4 (or wider margins) scales it down rather than cutting it off.
        className="h-auto max-w-full"
      />
    </div>
  );
}

/** What a screen reader says for the crosshair's position: the time and the value there. */
function valueText<Row extends { t: number }>(
  rows: readonly Row[],
  dataKey: keyof Row & string,
  t: number | null,
  format: HistoryChartProps<Row>["format"],
  locale: string,
  timeZone: string,
  translate: ReturnType<typeof useTranslations<"charts">>,
) {
  const row = t === null ? rows.findLast((r) => valueOf(r, dataKey) !== null) : rows[nearestIndex(rows, t)];
  const value = valueOf(row, dataKey);
  return row && value !== null ? translate("valueAt", { time: formatDateTime(row.t, locale, timeZone), value: format(value, locale) }) : translate("noValue");
}

const nearEnd = (t: number, [from, to]: readonly [number, number]) => to > from && (to - t) / (to - from) < 0.2;

interface LayerProps<Row extends { t: number }> {
  axes: ChartAxes;
  x: (t: number) => number;
  y: (v: number) => number;
  width: number;
  height: number;
  rows: readonly Row[];
  dataKey: keyof Row & string;
  markers: NonNullable<HistoryChartProps<Row>["markers"]>;
  domain: [number, number];
  unit?: string;
  className?: string;
}

/** Grid, axes, markers and the line: redrawn only when the data or the size change. */
const StaticLayer = memo(function StaticLayer<Row extends { t: number }>({ axes, x, y, width, height, rows, dataKey, markers, domain, unit, className }: LayerProps<Row>) {
  const path = useMemo(
    () =>
      line<Row>()
        .defined((row) => valueOf(row, dataKey) !== null)
        .x((row) => x(row.t))
        .y((row) => y(valueOf(row, dataKey)!))(rows as Row[]) ?? "",
    [rows, dataKey, x, y],
  );
  const left = axes.yWidth;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
      className={cn("block overflow-visible", className)}
      fontSize={axes.fontSize}
      fill={CHART.axis}
    >
      {axes.y.ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={right} y1={y(v)} y2={y(v)} stroke={CHART.grid} />
          <text x={left - 6} y={y(v)} dy="0.32em" textAnchor="end">
            {axes.yLabel(v)}
          </text>
        </g>
      ))}
      {unit ? (
        <text data-unit x={0} y={MARGIN.top - 10} dy="0.32em">
          {unit}
        </text>
      ) : null}
      <line x1={left} x2={left} y1={MARGIN.top} y2={bottom} stroke={CHART.axis} />
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={CHART.axis} />
      {axes.x.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={bottom} y2={bottom + CHART.tickSize} stroke={CHART.axis} />
          <text x={x(t)} y={bottom + 15} textAnchor="middle">
            {axes.xLabel(t)}
          </text>
        </g>
      ))}
      {markers.map((m) => (
        <g key={`${m.label}-${m.t}`} fontSize={axes.fontSize - 1}>
          <line x1={x(m.t)} x2={x(m.t)} y1={MARGIN.top} y2={bottom} stroke={CHART.axis} strokeDasharray="3 3" />
          {/* Right of the line, or left of it near the right edge, to stay inside. */}
          <text x={x(m.t) + (nearEnd(m.t, domain) ? -4 : 4)} y={MARGIN.top + 10} textAnchor={nearEnd(m.t, domain) ? "end" : "start"}>
            {m.label}
          </text>
        </g>
      ))}
      <path data-series={dataKey} d={path} fill="none" stroke={CHART.line} strokeWidth={CHART.lineWidth} strokeLinejoin="round" />
    </svg>
  );
}) as <Row extends { t: number }>(props: LayerProps<Row>) => ReactNode;

/** The shared crosshair: a cursor line and a dot on this chart's line; the value is in the caption (Readout). */
function Crosshair<Row extends { t: number }>({
  t,
  rows,
  dataKey,
  x,
  y,
  width,
}: {
  t: number;
  rows: readonly Row[];
  dataKey: keyof Row & string;
  x: (t: number) => number;
  y: (v: number) => number;
  width: number;
}) {
  const row = rows[nearestIndex(rows, t)];
  const value = valueOf(row, dataKey);
  if (!row || value === null) return null;
  const px = x(row.t);
  return (
    <svg width={width} height={HEIGHT} aria-hidden="true" className="pointer-events-none absolute inset-0 overflow-visible print:hidden">
      <line x1={px} x2={px} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} stroke={CHART.cursor} />
      <circle cx={px} cy={y(value)} r={3} fill={CHART.line} />
    </svg>
  );
}
