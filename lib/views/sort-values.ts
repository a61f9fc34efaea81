// How the console's sortable tables order a column's values: numbers by size, text as a reader
// expects ("live-2" before "live-10", any case), and an unknown value (never recorded, a gap) last
// whichever way the column is sorted: it is not the biggest or the smallest, it is unknown. Pure.

export type SortValue = string | number | null;
export type SortDirection = "asc" | "desc";

export const sortCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** The order of two values for `dir`; 0 when equal, for the caller's own tie-break. */
export function compareSortValues(a: SortValue, b: SortValue, dir: SortDirection): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order = typeof a === "string" || typeof b === "string" ? sortCollator.compare(String(a), String(b)) : a - b;
  return dir === "asc" ? order : -order;
}
