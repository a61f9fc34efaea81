import { describe, expect, it } from "vitest";
import type { HistorySample } from "@/lib/contract/api";
import { zeroStats } from "@/lib/testing/fixtures";
import { problems } from "@/lib/i18n/messages";
import { alignSeries, parseComparedRooms } from "./compare";

/** What the compare page says about a list of rooms, or null when it can compare them. */
function said(param: string | null): string | null {
  const parsed = parseComparedRooms(param);
  return parsed.ok ? null : problems("en").comparedRoomsProblem(parsed);
}

const sample = (iso: string, totalMsgCount: number): HistorySample => ({ t: iso, ...zeroStats({ totalMsgCount }) });

describe("parseComparedRooms", () => {
  it("takes 2 to 4 distinct, valid RoomIds", () => {
    expect(parseComparedRooms(" a, b ,a,,c")).toEqual({ ok: true, rooms: ["a", "b", "c"] });
    expect(said("a")).toMatch(/at least 2/);
    expect(parseComparedRooms(null)).toMatchObject({ ok: false, rooms: [] });
    expect(said("a,b,c,d,e")).toMatch(/at most 4/);
    expect(said(`a,${"x".repeat(49)}`)).toMatch(/48 bytes/);
  });
});

describe("alignSeries", () => {
  const series = [sample("2026-11-25T10:00:00Z", 1), sample("2026-11-25T10:00:10Z", 5), sample("2026-11-25T10:05:00Z", 9)];

  it("places points by clock time or by time since the room's first sample", () => {
    expect(alignSeries(series, "totalMsgCount", "clock", 60_000)[0]).toEqual({ x: Date.parse("2026-11-25T10:00:00Z"), value: 1 });
    expect(alignSeries(series, "totalMsgCount", "start", 60_000).map((p) => p.x)).toEqual([0, 10_000, 10_001, 300_000]);
  });

  it("breaks the line where samples are further apart than the gap", () => {
    const points = alignSeries(series, "totalMsgCount", "start", 60_000);
    expect(points.map((p) => p.value)).toEqual([1, 5, null, 9]);
    expect(alignSeries([], "totalMsgCount", "clock", 1000)).toEqual([]);
  });
});
