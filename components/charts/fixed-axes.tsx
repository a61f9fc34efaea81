import { CartesianGrid, XAxis, YAxis } from "recharts";
import type { ChartAxes } from "@/lib/charts/axes";

/**
 * The grid and both axes of a time-series chart, with ticks chosen before drawing (lib/charts/axes).
 * Given as-is (interval 0) so Recharts measures no label; and the grid is placed at the value ticks
 * directly, since left to itself it measures the axes' labels again, even for lines it does not draw.
 */
export function FixedAxes({ axes }: { axes: ChartAxes }) {
  const tick = { fontSize: axes.fontSize, fill: "var(--chart-axis)" };
  return (
    <>
      <CartesianGrid
        stroke="var(--chart-grid)"
        vertical={false}
        horizontalCoordinatesGenerator={({ yAxis }) => axes.y.ticks.flatMap((v) => yAxis?.scale?.map(v) ?? [])}
        verticalCoordinatesGenerator={() => []}
      />
      <XAxis dataKey="t" type="number" scale="time" domain={axes.xDomain} ticks={axes.x} interval={0} tickFormatter={axes.xLabel} stroke="var(--chart-axis)" tick={tick} />
      <YAxis
        type="number"
        domain={axes.y.domain}
        ticks={axes.y.ticks}
        interval={0}
        tickFormatter={axes.yLabel}
        stroke="var(--chart-axis)"
        tick={tick}
        width={axes.yWidth}
      />
    </>
  );
}
