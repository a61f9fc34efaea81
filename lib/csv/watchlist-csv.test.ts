import { describe, expect, it } from "vitest";
import type { OverviewRoom } from "@/lib/contract/api";
import { watchlistCsv, WATCHLIST_CSV_COLUMNS } from "./watchlist-csv";

const totals = { totalViewers: 1200, totalGiftsSent: 40, totalGiftCoins: 900, totalUniqueGiftSenders: 12, totalLikesReceived: 5000, totalMsgCount: 800 };
const rates = { totalViewers: 3, totalGiftsSent: 0.5, totalGiftCoins: 10.256, totalUniqueGiftSenders: null, totalLikesReceived: 50, totalMsgCount: 12 };
const room = (patch: Partial<OverviewRoom>): OverviewRoom => ({
  roomId: "r",
  status: "live",
  error: null,
  lastSampleAt: "2026-11-25T18:00:00.000Z",
  totals,
  ratesPerMinute: rates,
  sparkline: [],
  ...patch,
});
const rows = (csv: string) => csv.replace(/^\ufeff/, "").split("\r\n").slice(0, -1).map((line) => line.split(","));

describe("watchlistCsv", () => {
  it("starts with a byte-order mark and the caller's headers, one CRLF row per room", () => {
    const csv = watchlistCsv([room({ roomId: "a" }), room({ roomId: "b" })], (c) => `H:${c}`);
    expect(csv.startsWith("\ufeffH:roomId,H:status,H:lastSampleAt,H:totalViewers")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [head, a, b] = rows(csv);
    expect(head).toHaveLength(WATCHLIST_CSV_COLUMNS.length);
    expect(a!.slice(0, 9)).toEqual(["a", "live", "2026-11-25T18:00:00.000Z", "1200", "40", "900", "12", "5000", "800"]);
    // Rates rounded to hundredths; a gap is an empty cell.
    expect(a!.slice(9)).toEqual(["3", "0.5", "10.26", "", "50", "12"]);
    expect(b![0]).toBe("b");
  });

  it("leaves figures empty where there are none, and an ended stream's rates", () => {
    const [, waiting, ended] = rows(watchlistCsv([room({ status: "unknown", lastSampleAt: null, totals: null, ratesPerMinute: null }), room({ status: "ended" })], String));
    expect(waiting).toEqual(["r", "unknown", ...Array(WATCHLIST_CSV_COLUMNS.length - 2).fill("")]);
    expect(ended!.slice(3, 9)).toEqual(["1200", "40", "900", "12", "5000", "800"]);
    expect(ended!.slice(9).every((c) => c === "")).toBe(true);
  });

  it("quotes RoomIds a spreadsheet would misread", () => {
    const csv = watchlistCsv([room({ roomId: "=cmd,x" })], String);
    expect(csv).toContain(`"'=cmd,x",live`);
  });
});
