// The look every chart of the console shares, whichever renderer draws it (the SVG small multiples
// in history-chart.tsx, Recharts in time-series-chart.tsx). Colours are the CSS variables of
// app/globals.css: SVG attributes cannot take Tailwind classes but do read variables, which follow
// the colour scheme and the report's print colours.

export const CHART = {
  line: "var(--chart-line)",
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
  cursor: "var(--chart-cursor)",
  /** Tick labels; lib/charts/axes.ts estimates the value axis's width for this size. */
  fontSize: 11,
  lineWidth: 1.5,
  /** Length of the time axis's tick marks; the value axis has grid lines instead. */
  tickSize: 4,
} as const;

/** Lines overlaid on one chart (compared rooms): four that stay apart in light and dark mode and for the common colour-vision deficiencies. */
export const SERIES_COLORS = ["#0284c7", "#d97706", "#059669", "#c026d3"] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}
