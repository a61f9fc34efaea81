import { describe, expect, it } from "vitest";
import { chartAxes, elapsedTicks, labelWidth, logAxis, timeLabelOverhang, timeTicks, valueAxis, valueAxisWidth } from "./axes";

/** The zone at() reads its times in: this process's own, as the tick marks are laid out in it. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

const at = (iso: string) => new Date(iso).getTime();

describe("timeTicks", () => {
  it("puts ticks on whole seconds only, so no two labels of a live chart's first seconds read the same", () => {
    const from = at("2026-11-25T20:03:17") + 200;
    const ticks = timeTicks([from, from + 1_900]);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t % 1_000 === 0)).toBe(true);
  });

  it("puts a few ticks on round local times inside the range", () => {
    const from = at("2026-11-25T20:03:17");
    const to = at("2026-11-25T21:58:02");
    const ticks = timeTicks([from, to]);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(6);
    for (const t of ticks) {
      expect(t).toBeGreaterThanOrEqual(from);
      expect(t).toBeLessThanOrEqual(to);
      const d = new Date(t);
      expect(d.getSeconds()).toBe(0);
      expect(d.getMinutes() % 15).toBe(0);
    }
  });

  it("steps by days over a long recording, at local midnight", () => {
    const ticks = timeTicks([at("2026-11-01T10:00:00"), at("2026-11-20T10:00:00")]);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) expect(new Date(t).getHours()).toBe(0);
  });

  it("gives one tick for a recording of a single moment", () => {
    expect(timeTicks([1000, 1000])).toEqual([1000]);
  });
});

describe("elapsedTicks", () => {
  it("steps by a round duration, at most four ticks", () => {
    expect(elapsedTicks([0, 55 * 60_000])).toEqual([0, 15, 30, 45].map((m) => m * 60_000));
    expect(elapsedTicks([90_000, 5 * 3_600_000])).toEqual([2 * 3_600_000, 4 * 3_600_000]);
  });

  it("gives one tick for a single moment", () => {
    expect(elapsedTicks([0, 0])).toEqual([0]);
  });
});

describe("valueAxis", () => {
  it("hugs a running total's own range with round whole-number ticks", () => {
    const axis = valueAxis([10_230, 10_890, 11_470], { fromZero: false, integer: true });
    expect(axis.domain[0]).toBeLessThanOrEqual(10_230);
    expect(axis.domain[0]).toBeGreaterThan(9_000);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(11_470);
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
    expect(axis.ticks[0]).toBe(axis.domain[0]);
    expect(axis.ticks.at(-1)).toBe(axis.domain[1]);
  });

  it("starts rates at zero and allows fractions", () => {
    const axis = valueAxis([0.4, 1.25, 2.1], { fromZero: true, integer: false });
    expect(axis.domain[0]).toBe(0);
    expect(axis.domain[1]).toBeGreaterThanOrEqual(2.1);
    expect(axis.ticks.some((t) => !Number.isInteger(t))).toBe(true);
  });

  it("steps whole numbers by one when a counter barely moved", () => {
    const axis = valueAxis([7, 8], { fromZero: false, integer: true });
    expect(axis.ticks).toEqual([7, 8]);
  });

  it("draws an axis around a flat line", () => {
    const total = valueAxis([500, 500], { fromZero: false, integer: true });
    expect(total.domain[0]).toBeLessThan(500);
    expect(total.domain[1]).toBeGreaterThan(500);
    expect(valueAxis([0, 0], { fromZero: true, integer: false }).domain).toEqual([0, 1]);
  });
});

describe("chartAxes", () => {
  it("labels the value axis compactly for large totals and sizes it to the longest label", () => {
    const axes = chartAxes([1_200_000, 1_950_000], [0, 3_600_000], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE });
    const labels = axes.y.ticks.map(axes.yLabel);
    expect(labels.length).toBeGreaterThan(1);
    expect(axes.yWidth).toBe(valueAxisWidth(labels));
    expect(axes.xDomain).toEqual([0, 3_600_000]);
  });

  it("widens the axis for longer labels and larger type", () => {
    expect(valueAxisWidth(["1,000,000"])).toBeGreaterThan(valueAxisWidth(["10"]));
    expect(valueAxisWidth(["100"], 12)).toBeGreaterThan(valueAxisWidth(["100"], 11));
  });
});

describe("time labels", () => {
  it("never gives more ticks than asked, even where d3's nearest step would", () => {
    // 5.5 hours: d3's hourly step gives six ticks for a hint of four.
    const from = at("2026-11-25T15:40:00");
    expect(timeTicks([from, from + 5.5 * 3_600_000], 4).length).toBeLessThanOrEqual(4);
  });

  it("labels hourly ticks without seconds and daily ticks with the date", () => {
    const hours = chartAxes([1, 2], [at("2026-11-25T15:40:00"), at("2026-11-25T21:10:00")], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE });
    expect(hours.xLabel(hours.x[0]!)).not.toMatch(/:\d\d:\d\d/);
    const days = chartAxes([1, 2], [at("2026-11-01T10:00:00"), at("2026-11-20T10:00:00")], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE });
    expect(days.xLabel(days.x[0]!)).toMatch(/Nov/);
    const seconds = chartAxes([1, 2], [at("2026-11-25T21:00:03"), at("2026-11-25T21:01:50")], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE });
    expect(seconds.xLabel(seconds.x[0]!)).toMatch(/:\d\d:\d\d/);
  });

  it("says which day at the midnight of an axis that crosses one", () => {
    const night = chartAxes([1, 2], [at("2026-11-25T14:00:00"), at("2026-11-26T10:00:00")], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE });
    const labels = night.x.map(night.xLabel);
    expect(labels).toContain("Nov 26");
    expect(labels.filter((l) => /Nov/.test(l))).toHaveLength(1);
  });
});

describe("timeLabelOverhang", () => {
  it("is half the widest time label, whichever tick it is on", () => {
    const axes = chartAxes([1, 2], [at("2026-11-25T21:00:03"), at("2026-11-25T21:01:50")], { fromZero: false, integer: true, locale: "en-US", timeZone: LOCAL_ZONE });
    const widest = Math.max(...axes.x.map((t) => labelWidth(axes.xLabel(t))));
    // "9:00:30 PM": ten characters of 0.6 em at 11 px.
    expect(widest).toBeCloseTo(66);
    expect(timeLabelOverhang(axes)).toBe(35);
    expect(timeLabelOverhang({ ...axes, fontSize: 12 })).toBeGreaterThan(35);
  });

  it("counts Chinese characters a full em", () => {
    expect(labelWidth("1小时", 10)).toBeCloseTo(26);
    expect(labelWidth("19:12:46", 10)).toBeCloseTo(48);
  });

  it("needs no room without ticks", () => {
    expect(timeLabelOverhang({ x: [], xLabel: String, fontSize: 11 })).toBe(2);
  });
});

describe("ratio labels", () => {
  it("tells apart ticks of a ratio that stays near 1", () => {
    const axes = chartAxes([0.93, 1.02, 1.08], [0, 60_000], { fromZero: false, integer: false, locale: "en", timeZone: LOCAL_ZONE });
    const labels = axes.y.ticks.map(axes.yLabel);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("chartAxes over durations", () => {
  it("labels time since start as durations in the locale", () => {
    const axes = chartAxes([1, 2], [0, 2 * 3_600_000], { fromZero: false, integer: true, locale: "en", timeZone: LOCAL_ZONE, x: "elapsed" });
    expect(axes.x.map(axes.xLabel)).toEqual(["0 sec", "1 hr", "2 hr"]);
  });
});

describe("logAxis", () => {
  it("ticks whole powers of ten over several decades, the domain ending on them", () => {
    expect(logAxis([480, 3_000, 512_000])).toEqual({ domain: [100, 1_000_000], ticks: [100, 1_000, 10_000, 100_000, 1_000_000] });
    expect(logAxis([3, 80])).toEqual({ domain: [1, 100], ticks: [1, 10, 100] });
  });

  it("ticks every few decades when the values span many, never more than five ticks", () => {
    expect(logAxis([1, 2_000_000_000])).toEqual({ domain: [1, 1e12], ticks: [1, 1_000, 1e6, 1e9, 1e12] });
    const wide = logAxis([0.5, 4e7]);
    expect(wide.ticks.length).toBeLessThanOrEqual(5);
    expect(wide.ticks).toEqual([0.1, 100, 1e5, 1e8]);
  });

  it("falls back to 1-2-5 ticks within about two decades", () => {
    expect(logAxis([480, 520])).toEqual({ domain: [200, 1_000], ticks: [200, 500, 1_000] });
    expect(logAxis([0.3, 4])).toEqual({ domain: [0.2, 5], ticks: [0.2, 0.5, 1, 2, 5] });
    expect(logAxis([100, 100])).toEqual({ domain: [50, 200], ticks: [50, 100, 200] });
  });

  it("ignores zero and below, which have no place on a log axis", () => {
    expect(logAxis([0, -3, 20, 50])).toEqual(logAxis([20, 50]));
    expect(logAxis([0, 0])).toEqual({ domain: [1, 10], ticks: [1, 10] });
  });
});

describe("chartAxes on a log scale", () => {
  it("labels the decades compactly in the reader's language", () => {
    const axes = chartAxes([480, 512_000], [0, 60_000], { fromZero: false, integer: true, scale: "log", locale: "en", timeZone: "UTC" });
    expect(axes.y.ticks.map(axes.yLabel)).toEqual(["100", "1K", "10K", "100K", "1M"]);
    const zh = chartAxes([480, 512_000], [0, 60_000], { fromZero: false, integer: true, scale: "log", locale: "zh-CN", timeZone: "UTC" });
    expect(zh.y.ticks.map(zh.yLabel)).toEqual(["100", "1000", "1万", "10万", "100万"]);
  });
});

describe("chartAxes labels", () => {
  it("labels every tick of an axis in the same form", () => {
    const axes = chartAxes([3_000, 21_000], [0, 60_000], { fromZero: true, integer: true, locale: "en-US", timeZone: "UTC" });
    const labels = axes.y.ticks.map(axes.yLabel);
    expect(labels.length).toBeGreaterThan(2);
    // "5K" beside "20K", never "5,000".
    expect(labels.filter((l) => l !== "0").every((l) => /K$/.test(l))).toBe(true);
  });

  it("never labels two ticks the same, in 万 as in K", () => {
    // Viewers from 44,400 to 47,000: ticks 500 apart, which 万 with one decimal would print twice.
    for (const locale of ["en-US", "zh-CN"]) {
      const axes = chartAxes([44_420, 46_980], [0, 60_000], { fromZero: false, integer: true, locale, timeZone: "UTC" });
      const labels = axes.y.ticks.map(axes.yLabel);
      expect(new Set(labels).size, `${locale}: ${labels.join(", ")}`).toBe(labels.length);
    }
    const zh = chartAxes([44_420, 46_980], [0, 60_000], { fromZero: false, integer: true, locale: "zh-CN", timeZone: "UTC" });
    expect(zh.y.ticks.map(zh.yLabel).every((l) => l.endsWith("万"))).toBe(true);
  });

  it("reads in one form in Chinese too, which has no compact form below 1万", () => {
    const zh = chartAxes([0, 19_900], [0, 60_000], { fromZero: true, integer: true, locale: "zh-CN", timeZone: "UTC" });
    // Not "0, 5000, 1万, 1.5万, 2万".
    expect(zh.y.ticks.map(zh.yLabel)).toEqual(["0", "5,000", "10,000", "15,000", "20,000"]);
    const en = chartAxes([0, 19_900], [0, 60_000], { fromZero: true, integer: true, locale: "en-US", timeZone: "UTC" });
    expect(en.y.ticks.map(en.yLabel)).toEqual(["0", "5K", "10K", "15K", "20K"]);
  });
});
