import { describe, expect, it } from "vitest";
import type { HistorySample } from "@/lib/contract/api";
import { zeroStats } from "@/lib/testing/fixtures";
import { problems } from "@/lib/i18n/messages";
import { alignSeries, parseComparedRooms, parseCompareScale, scaleSeries, type ComparePoint } from "./compare";

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

  it("measures from the stream's creation time when it is known", () => {
    const created = Date.parse("2026-11-25T09:58:00Z");
    expect(alignSeries(series, "totalMsgCount", "start", 60_000, created).map((p) => p.x)).toEqual([120_000, 130_000, 130_001, 420_000]);
    // The clock ignores it.
    expect(alignSeries(series, "totalMsgCount", "clock", 60_000, created)[0]!.x).toBe(Date.parse("2026-11-25T10:00:00Z"));
  });

  it("breaks the line where samples are further apart than the gap", () => {
    const points = alignSeries(series, "totalMsgCount", "start", 60_000);
    expect(points.map((p) => p.value)).toEqual([1, 5, null, 9]);
    expect(alignSeries([], "totalMsgCount", "clock", 1000)).toEqual([]);
  });
});

describe("parseCompareScale", () => {
  it("takes the four scales and reads anything else as absolute", () => {
    expect(["absolute", "index", "peak", "log"].map(parseCompareScale)).toEqual(["absolute", "index", "peak", "log"]);
    expect(parseCompareScale(null)).toBe("absolute");
    expect(parseCompareScale("LOG")).toBe("absolute");
  });
});

describe("scaleSeries", () => {
  const at = (...values: (number | null)[]): ComparePoint[] => values.map((value, i) => ({ x: i * 1000, value }));
  const shown = (points: ComparePoint[], scale: Parameters<typeof scaleSeries>[1]) => scaleSeries(points, scale).points.map((p) => p.value);

  it("leaves absolute values as they are", () => {
    expect(scaleSeries(at(3, null, 5), "absolute")).toEqual({ points: [{ x: 0, value: 3, real: 3 }, { x: 1000, value: null, real: null }, { x: 2000, value: 5, real: 5 }], base: null, lateBase: false, dropped: 0 });
  });

  it("indexes to 100 at the room's first value, whatever the room's size", () => {
    expect(shown(at(120, 150, 300), "index")).toEqual([100, 125, 250]);
    expect(shown(at(36_000, 45_000, 90_000), "index")).toEqual([100, 125, 250]);
    const scaled = scaleSeries(at(null, 120, null, 300), "index");
    expect(scaled.base).toEqual({ value: 120, x: 1000 });
    expect(scaled.lateBase).toBe(false);
    // The recorded value stays beside the index, for the tooltip.
    expect(scaled.points[3]).toEqual({ x: 3000, value: 250, real: 300 });
  });

  it("indexes a room that starts at zero from its first value above zero, and says so", () => {
    const scaled = scaleSeries(at(0, 0, 4, 10), "index");
    expect(scaled.points.map((p) => p.value)).toEqual([0, 0, 100, 250]);
    expect(scaled.base).toEqual({ value: 4, x: 2000 });
    expect(scaled.lateBase).toBe(true);
  });

  it("has no line for a room that never rose above zero", () => {
    for (const scale of ["index", "peak"] as const) {
      const scaled = scaleSeries(at(0, null, 0), scale);
      expect(scaled.points.map((p) => p.value)).toEqual([null, null, null]);
      expect(scaled.points.map((p) => p.real)).toEqual([0, null, 0]);
      expect(scaled.base).toBeNull();
    }
  });

  it("gives each value as a percentage of the room's highest in the range", () => {
    expect(shown(at(10, 40, 20, null), "peak")).toEqual([25, 100, 50, null]);
    expect(scaleSeries(at(10, 40, 20), "peak")).toMatchObject({ base: { value: 40, x: 1000 }, lateBase: false });
    expect(shown(at(1, 2), "peak")).toEqual(shown(at(1000, 2000), "peak"));
  });

  it("leaves zeros out of a log line and counts them", () => {
    const scaled = scaleSeries(at(0, 5, 0, 50), "log");
    expect(scaled.points.map((p) => p.value)).toEqual([null, 5, null, 50]);
    expect(scaled.points.map((p) => p.real)).toEqual([0, 5, 0, 50]);
    expect(scaled.dropped).toBe(2);
    expect(scaleSeries(at(1, null, 2), "log").dropped).toBe(0);
  });
});
