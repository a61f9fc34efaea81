import { describe, expect, it } from "vitest";
import type { HistorySample } from "@/lib/rooms/types";
import { zeroStats } from "@/lib/testing/fixtures";
import { alignSeries, parseComparedRooms } from "./compare";

const sample = (iso: string, totalMsgCount: number): HistorySample => ({ t: iso, ...zeroStats({ totalMsgCount }) });

describe("parseComparedRooms", () => {
  it("takes 2 to 4 distinct, valid RoomIds", () => {
    expect(parseComparedRooms(" a, b ,a,,c")).toEqual({ ok: true, rooms: ["a", "b", "c"] });
    expect(parseComparedRooms("a")).toMatchObject({ ok: false, message: /at least 2/ });
    expect(parseComparedRooms(null)).toMatchObject({ ok: false, rooms: [] });
    expect(parseComparedRooms("a,b,c,d,e")).toMatchObject({ ok: false, message: /at most 4/ });
    expect(parseComparedRooms(`a,${"x".repeat(49)}`)).toMatchObject({ ok: false, message: /48 bytes/ });
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
