import type { ComponentProps } from "react";
import type { CartesianGrid } from "recharts";
import type { ChartAxes } from "@/lib/charts/axes";

type GridPlacement = Pick<ComponentProps<typeof CartesianGrid>, "horizontalCoordinatesGenerator" | "verticalCoordinatesGenerator">;

/**
 * Grid lines at the chosen value ticks. Left to itself, the grid places its lines by measuring the
 * axes' tick labels in the DOM again (even for the vertical lines it does not draw).
 */
export function gridAt(axes: ChartAxes): GridPlacement {
  return {
    horizontalCoordinatesGenerator: ({ yAxis }) => axes.y.ticks.flatMap((v) => yAxis?.scale?.map(v) ?? []),
    verticalCoordinatesGenerator: () => [],
  };
}
