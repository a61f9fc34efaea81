import { describe, expect, it } from "vitest";
import { checkWindow, dragWindow, fromLocalInputValue, historyWindow, MIN_ZOOM_MS, shiftWindow, toLocalInputValue, windowOf, zoomOut } from "./range";
import { problems } from "@/lib/i18n/messages";

const { windowProblem } = problems("en");

const NOW = Date.parse("2026-11-25T21:00:00.000Z");

describe("historyWindow", () => {
  it("asks for the last N minutes up to now", () => {
    expect(historyWindow("15m", null, NOW)).toEqual({ from: "2026-11-25T20:45:00.000Z" });
    expect(historyWindow("24h", null, NOW)).toEqual({ from: "2026-11-24T21:00:00.000Z" });
  });

  it("asks for everything for the whole stream, and exactly the window for a custom range", () => {
    expect(historyWindow("all", null, NOW)).toEqual({});
    expect(historyWindow("custom", { from: NOW - 7_200_000, to: NOW - 3_600_000 }, NOW)).toEqual({
      from: "2026-11-25T19:00:00.000Z",
      to: "2026-11-25T20:00:00.000Z",
    });
  });
});

describe("windowOf", () => {
  it("starts a custom range from what a relative range shows", () => {
    expect(windowOf("6h", null, NOW, null)).toEqual({ from: NOW - 6 * 3_600_000, to: NOW });
  });

  it("takes the whole stream from its first sample", () => {
    expect(windowOf("all", null, NOW, NOW - 5 * 3_600_000)).toEqual({ from: NOW - 5 * 3_600_000, to: NOW });
    // A recording that starts this very minute still gives a window with its start before its end.
    const w = windowOf("all", null, NOW, NOW);
    expect(w.from).toBeLessThan(w.to);
  });
});

describe("datetime-local values", () => {
  it("round-trip a moment to the minute in local time", () => {
    const t = new Date(2026, 10, 25, 18, 7, 42).getTime();
    const value = toLocalInputValue(t);
    expect(value).toBe("2026-11-25T18:07");
    expect(fromLocalInputValue(value)).toBe(new Date(2026, 10, 25, 18, 7).getTime());
  });

  it("refuses what a datetime-local field cannot hold", () => {
    for (const value of ["", "2026-11-25", "yesterday", "2026-11-25T18:00Z", "2026-13-45T99:00"]) expect(fromLocalInputValue(value)).toBeNull();
  });
});

describe("checkWindow", () => {
  it("accepts a start before the end", () => {
    expect(checkWindow("2026-11-25T18:00", "2026-11-25T19:00")).toEqual({
      ok: true,
      window: { from: new Date(2026, 10, 25, 18).getTime(), to: new Date(2026, 10, 25, 19).getTime() },
    });
  });

  it("says what is wrong otherwise", () => {
    expect(checkWindow("", "2026-11-25T19:00")).toEqual({ ok: false, problem: "start_missing", fields: ["from"] });
    expect(windowProblem("start_missing")).toBe("Enter the start as a date and time.");
    expect(checkWindow("2026-11-25T18:00", "")).toEqual({ ok: false, problem: "end_missing", fields: ["to"] });
    expect(windowProblem("end_missing")).toBe("Enter the end as a date and time.");
    const backwards = { ok: false, problem: "start_after_end", fields: ["from", "to"] };
    expect(windowProblem("start_after_end")).toBe("The start must be before the end.");
    expect(checkWindow("2026-11-25T19:00", "2026-11-25T18:00")).toEqual(backwards);
    expect(checkWindow("2026-11-25T19:00", "2026-11-25T19:00")).toEqual(backwards);
  });
});

describe("shiftWindow", () => {
  const now = Date.parse("2026-05-01T12:00:00Z");
  const hour = 3_600_000;

  it("turns a preset into the window of its length just before it", () => {
    expect(shiftWindow("1h", null, -1, now, null)).toEqual({ from: now - 2 * hour, to: now - hour });
    expect(shiftWindow("15m", null, -1, now, null)).toEqual({ from: now - 30 * 60_000, to: now - 15 * 60_000 });
  });

  it("moves a custom window by its own length both ways", () => {
    const custom = { from: now - 5 * hour, to: now - 3 * hour };
    expect(shiftWindow("custom", custom, -1, now, null)).toEqual({ from: now - 7 * hour, to: now - 5 * hour });
    expect(shiftWindow("custom", custom, 1, now, null)).toEqual({ from: now - 3 * hour, to: now - hour });
  });

  it("stops forward at now, keeping the length, and has nothing later once there", () => {
    expect(shiftWindow("custom", { from: now - 3 * hour, to: now - hour }, 1, now, null)).toEqual({ from: now - 2 * hour, to: now });
    expect(shiftWindow("custom", { from: now - 2 * hour, to: now }, 1, now, null)).toBeNull();
    expect(shiftWindow("6h", null, 1, now, null)).toBeNull();
  });
});

describe("zoomOut", () => {
  it("makes a preset the next longer one, and the longest the whole recording", () => {
    expect(zoomOut("15m", null, NOW)).toEqual({ range: "1h", custom: null });
    expect(zoomOut("24h", null, NOW)).toEqual({ range: "all", custom: null });
    expect(zoomOut("all", null, NOW)).toBeNull();
  });

  it("doubles a custom window around its middle, never past now", () => {
    expect(zoomOut("custom", { from: NOW - 4 * 3_600_000, to: NOW - 2 * 3_600_000 }, NOW)).toEqual({ range: "custom", custom: { from: NOW - 5 * 3_600_000, to: NOW - 3_600_000 } });
    // Near now the doubled window ends at now, keeping its doubled length.
    expect(zoomOut("custom", { from: NOW - 4 * 60_000, to: NOW - 60_000 }, NOW)).toEqual({ range: "custom", custom: { from: NOW - 6 * 60_000, to: NOW } });
  });
});

describe("dragWindow", () => {
  it("takes the two ends in either order", () => {
    expect(dragWindow(NOW, NOW - 600_000)).toEqual({ from: NOW - 600_000, to: NOW });
    expect(dragWindow(NOW - 600_000, NOW)).toEqual({ from: NOW - 600_000, to: NOW });
  });

  it("is at least MIN_ZOOM_MS long around the middle of a short drag, and nothing for a click", () => {
    expect(dragWindow(NOW, NOW + 2_000)).toEqual({ from: NOW + 1_000 - MIN_ZOOM_MS / 2, to: NOW + 1_000 + MIN_ZOOM_MS / 2 });
    expect(dragWindow(NOW, NOW)).toBeNull();
  });
});
