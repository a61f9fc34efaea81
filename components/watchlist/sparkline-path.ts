// The path of a small inline sparkline: SVG rather than a chart library, because a page of fifty
// rooms would otherwise mount fifty charts every ten seconds. Pure.

export interface SparkPoint {
  t: number;
  v: number | null;
}

/**
 * An SVG path through the points scaled into width × height (y grows downward). A null value
 * breaks the line; a lone point between breaks is drawn as a short dash so it stays visible.
 * Empty string when nothing has a value.
 */
export function sparklinePath(points: readonly SparkPoint[], width: number, height: number, pad = 1.5): string {
  const valued = points.filter((p): p is { t: number; v: number } => p.v !== null && Number.isFinite(p.v));
  if (valued.length === 0) return "";
  const t0 = points[0]!.t;
  const tSpan = points.at(-1)!.t - t0;
  const values = valued.map((p) => p.v);
  const min = Math.min(0, ...values);
  const max = Math.max(...values);
  const vSpan = max - min;
  const x = (t: number) => (tSpan > 0 ? pad + ((t - t0) / tSpan) * (width - 2 * pad) : width / 2);
  const y = (v: number) => (vSpan > 0 ? height - pad - ((v - min) / vSpan) * (height - 2 * pad) : height / 2);
  const round = (n: number) => Math.round(n * 10) / 10;

  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) {
      // One point alone: a dash, since a one-point path draws nothing.
      const [px, py] = run[0]!.split(",").map(Number) as [number, number];
      parts.push(`M${round(px - 1.5)},${py}L${round(px + 1.5)},${py}`);
    } else if (run.length > 1) {
      parts.push(`M${run.join("L")}`);
    }
    run = [];
  };
  for (const point of points) {
    if (point.v === null || !Number.isFinite(point.v)) flush();
    else run.push(`${round(x(point.t))},${round(y(point.v))}`);
  }
  flush();
  return parts.join("");
}
