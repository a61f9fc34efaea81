import { bisector } from "d3-array";

const byTime = bisector((row: { t: number }) => row.t);

/** The index of the row whose time is nearest `t` (rows sorted by t), or -1 when there are none. */
export function nearestIndex(rows: readonly { t: number }[], t: number): number {
  if (rows.length === 0) return -1;
  const i = byTime.center(rows, t);
  return Math.min(Math.max(i, 0), rows.length - 1);
}
