import { describe, expect, it } from "vitest";
import {
  formatAgo,
  formatElapsed,
  formatFitting,
  formatAxisTick,
  formatCompact,
  formatDateTime,
  formatDelta,
  formatIn,
  formatNumber,
  formatRate,
  rateFormatter,
  rateFractionDigits,
  formatRatio,
  formatSeconds,
  formatTime,
  formatTimeTick,
  formatTimeZone,
  NO_VALUE,
} from "./format";

describe("formatNumber", () => {
  it("groups digits the way the locale does", () => {
    expect(formatNumber(1234567, "en-US")).toBe("1,234,567");
    expect(formatNumber(1234567, "de-DE")).toBe("1.234.567");
    expect(formatNumber(1234567, "en-IN")).toBe("12,34,567");
  });

  it("shows whole numbers only", () => {
    expect(formatNumber(12.6, "en-US")).toBe("13");
  });
});

describe("formatCompact", () => {
  it("shortens large figures in the locale's own units", () => {
    expect(formatCompact(1234567, "en-US")).toBe("1.2M");
    expect(formatCompact(1234567, "zh-CN")).toBe("123.5万");
    expect(formatCompact(999, "en-US")).toBe("999");
  });
});

describe("formatDelta", () => {
  it("always carries a sign", () => {
    expect(formatDelta(12, "en-US")).toBe("+12");
    expect(formatDelta(-3, "en-US")).toBe("-3");
    expect(formatDelta(0, "en-US")).toBe("+0");
    expect(formatDelta(1500, "en-US")).toBe("+1,500");
  });
});

describe("formatRatio", () => {
  it("shows up to two decimals", () => {
    expect(formatRatio(2.5, "en-US")).toBe("2.5");
    expect(formatRatio(1 / 3, "de-DE")).toBe("0,33");
  });

  it("renders an undefined ratio as a dash", () => {
    expect(formatRatio(null, "en-US")).toBe(NO_VALUE);
    expect(formatRatio(Number.POSITIVE_INFINITY, "en-US")).toBe(NO_VALUE);
    expect(formatRatio(Number.NaN, "en-US")).toBe(NO_VALUE);
  });
});

describe("rateFractionDigits", () => {
  it("shows the decimal place nearest the 1/W a minute a W-minute window resolves", () => {
    expect(rateFractionDigits(1)).toBe(0);
    expect(rateFractionDigits(5)).toBe(1); // steps of 0.2
    expect(rateFractionDigits(15)).toBe(1); // steps of 0.067
    expect(rateFractionDigits(120)).toBe(2); // an average over two hours
    expect(rateFractionDigits(1e9)).toBe(3);
    // Shorter than a minute, or nonsense: whole numbers.
    expect(rateFractionDigits(0.5)).toBe(0);
    expect(rateFractionDigits(Number.NaN)).toBe(0);
  });
});

describe("formatRate", () => {
  it("rounds to what the window supports", () => {
    expect(formatRate(263.68, "en-US", 1)).toBe("264");
    expect(formatRate(2.4, "en-US", 5)).toBe("2.4");
    expect(formatRate(2.345, "en-US", 5)).toBe("2.3");
    expect(formatRate(7.0667, "en-US", 15)).toBe("7.1");
    expect(formatRate(60, "en-US", 5)).toBe("60");
    expect(formatRate(0.4567, "en-US", 120)).toBe("0.46");
  });

  it("never shows more than 3 significant figures", () => {
    expect(formatRate(1234.6, "en-US", 1)).toBe("1,230");
    expect(formatRate(12_345, "en-US", 1)).toBe("12,300");
    expect(formatRate(263.68, "en-US", 5)).toBe("264");
    expect(formatRate(12_345, "zh-CN", 1)).toBe("12,300");
    expect(formatRate(1234.5, "de-DE", 15)).toBe("1.230");
  });

  it("renders an unknown rate as a dash", () => {
    expect(formatRate(null, "en-US", 1)).toBe(NO_VALUE);
    expect(formatRate(undefined, "en-US", 1)).toBe(NO_VALUE);
    expect(formatRate(Number.NaN, "en-US", 1)).toBe(NO_VALUE);
  });

  it("comes as a chart formatter, the same function for the same window", () => {
    expect(rateFormatter(5)(2.345, "en-US")).toBe("2.3");
    expect(rateFormatter(5)).toBe(rateFormatter(5));
  });
});

describe("formatSeconds", () => {
  it("uses the locale's unit", () => {
    expect(formatSeconds(5, "en-US")).toBe("5 sec");
    expect(formatSeconds(5, "zh-CN")).toBe("5秒");
  });
});

describe("times", () => {
  const t = Date.UTC(2025, 0, 15, 13, 4, 5);

  it("formats a time of day with seconds, in the reader's zone", () => {
    expect(formatTime(t, "en-GB", "UTC")).toBe("13:04:05");
    expect(formatTime(t, "en-GB", "Asia/Shanghai")).toBe("21:04:05");
    expect(formatTime(t, "zh-CN", "Asia/Shanghai")).toBe("21:04:05");
  });

  it("formats date and time with the zone, to quote in a ticket", () => {
    expect(formatDateTime(t, "en-GB", "UTC")).toBe("15 Jan 2025, 13:04:05 UTC");
    expect(formatDateTime(t, "zh-CN", "Asia/Shanghai")).toBe("2025年1月15日 GMT+8 21:04:05");
  });

  it("names the zone in the reader's language", () => {
    expect(formatTimeZone(t, "en", "UTC")).toBe("UTC");
    expect(formatTimeZone(t, "en", "Asia/Shanghai")).toBe("GMT+8");
    expect(formatTimeZone(t, "zh-CN", "Asia/Shanghai")).toBe("GMT+8");
  });

  it("marks a day on a time axis at midnight in the reader's zone, not the server's", () => {
    const shanghaiMidnight = Date.UTC(2025, 0, 15, 16, 0, 0);
    expect(formatTimeTick(shanghaiMidnight, 3_600_000, "en-GB", "Asia/Shanghai")).toBe("16 Jan");
    expect(formatTimeTick(shanghaiMidnight, 3_600_000, "en-GB", "UTC")).toBe("16:00");
  });
});

describe("formatAgo", () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it("counts seconds, then minutes, hours and days", () => {
    expect(formatAgo(now, now, "en-US")).toBe("now");
    expect(formatAgo(now - 12_400, now, "en-US")).toBe("12 seconds ago");
    expect(formatAgo(now - 3 * 60_000, now, "en-US")).toBe("3 minutes ago");
    expect(formatAgo(now - 5 * 3_600_000, now, "en-US")).toBe("5 hours ago");
    expect(formatAgo(now - 3 * 86_400_000, now, "en-US")).toBe("3 days ago");
  });

  it("clamps a time slightly in the future to now", () => {
    expect(formatAgo(now + 2_000, now, "en-US")).toBe("now");
  });
});

describe("formatIn", () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it("describes time until a deadline", () => {
    expect(formatIn(now + 5 * 3_600_000, now, "en-US")).toBe("in 5 hours");
    expect(formatIn(now + 90_000, now, "en-US")).toBe("in 2 minutes");
    expect(formatIn(now - 1_000, now, "en-US")).toBe("now");
  });
});

describe("formatAxisTick", () => {
  it("is compact over a wide range", () => {
    expect(formatAxisTick(600_000, 700_000, 100_000, "en-US")).toBe("600K");
  });

  it("is exact over a narrow band of a big number, and for small numbers", () => {
    expect(formatAxisTick(45_050, 200, 50, "en-US")).toBe("45,050");
    expect(formatAxisTick(45_050, 0, 0, "en-US")).toBe("45,050");
    expect(formatAxisTick(950, 1_000, 250, "en-US")).toBe("950");
  });

  it("reads one axis in one form, decided by its largest tick", () => {
    expect([0, 5_000, 10_000, 15_000, 20_000].map((v) => formatAxisTick(v, 20_000, 5_000, "en-US", 20_000))).toEqual(["0", "5K", "10K", "15K", "20K"]);
    expect([0, 2_500, 5_000].map((v) => formatAxisTick(v, 5_000, 2_500, "en-US", 5_000))).toEqual(["0", "2,500", "5,000"]);
  });

  it("gives ticks less than 1 apart the decimals that tell them apart", () => {
    expect([0.9, 0.95, 1, 1.05].map((v) => formatAxisTick(v, 0.15, 0.05, "en-US"))).toEqual(["0.90", "0.95", "1.00", "1.05"]);
    expect(formatAxisTick(2.5, 3, 0.5, "en-US")).toBe("2.5");
    expect(formatAxisTick(1.2, 0.8, 0.2, "de-DE")).toBe("1,2");
  });
});

describe("formatElapsed", () => {
  it("reads as hours and minutes in the given locale", () => {
    expect(formatElapsed(65 * 60_000 + 30_000, "en")).toBe("1 hr 5 min");
    expect(formatElapsed(45 * 60_000 + 59_000, "en")).toBe("45 min 59 sec");
    expect(formatElapsed(2 * 3_600_000, "en")).toBe("2 hr");
    expect(formatElapsed(45_000, "en")).toBe("45 sec");
    expect(formatElapsed(-5, "en")).toBe("0 sec");
    expect(formatElapsed(65 * 60_000, "zh-CN")).toMatch(/1.*小时.*5.*分钟/);
  });
});

describe("formatFitting", () => {
  it("stays exact while it fits, and turns compact when it would not", () => {
    expect(formatFitting(12_345, "en-US", 7)).toBe("12,345");
    expect(formatFitting(1_234_567, "en-US", 7)).toBe("1.2M");
    expect(formatFitting(1_234_567, "zh-CN", 7)).toBe("123.5万");
  });
});
