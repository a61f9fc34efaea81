// The watchlist overview as CSV, built in the page from the rows it shows (nothing to ask the
// server again). The same conventions as the server's exports: a byte-order mark so Excel reads
// Chinese, CRLF rows, times in UTC ISO 8601 whatever the reader's zone, empty cells where there is
// no figure, and a header row the caller words (readable, in the reader's language).

import type { OverviewRoom } from "@/lib/contract/api";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";
import { csvCell } from "./cell";

/** The columns, in order: the API's own field names, which also key their readable headers. */
export const WATCHLIST_CSV_COLUMNS = [
  "roomId",
  "status",
  "lastSampleAt",
  ...STAT_KEYS,
  ...STAT_KEYS.map((key) => `${key}PerMinute` as const),
] as const;
export type WatchlistCsvColumn = (typeof WATCHLIST_CSV_COLUMNS)[number];

function cell(room: OverviewRoom, column: WatchlistCsvColumn): string | number | null {
  switch (column) {
    case "roomId":
      return room.roomId;
    case "status":
      return room.status;
    case "lastSampleAt":
      return room.lastSampleAt;
  }
  if (column.endsWith("PerMinute")) {
    const key = column.slice(0, -"PerMinute".length) as StatKey;
    // An ended stream's last rates say nothing current (as on screen): left empty.
    const rate = room.status === "ended" ? null : room.ratesPerMinute?.[key];
    return rate == null ? null : Math.round(rate * 100) / 100;
  }
  return room.totals?.[column as StatKey] ?? null;
}

export function watchlistCsv(rooms: readonly OverviewRoom[], header: (column: WatchlistCsvColumn) => string): string {
  const lines = [WATCHLIST_CSV_COLUMNS.map((c) => csvCell(header(c))).join(",")];
  for (const room of rooms) lines.push(WATCHLIST_CSV_COLUMNS.map((c) => csvCell(cell(room, c))).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}
