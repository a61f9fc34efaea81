import { formatNumber, formatRatio, NO_VALUE } from "@/lib/format";

/** A per-minute rate: decimals only where they carry information (under 100 a minute). */
export function formatRate(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return Math.abs(value) >= 100 ? formatNumber(value, locale) : formatRatio(value, locale);
}
