"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";

export type StatLabels = Record<StatKey, { label: string; description: string; /** The counter as a per-minute rate. */ rate: string }>;

/** How each of Tencent's counters is named on screen, in the page's language. Names are also the cards' accessible names. */
export function useStatLabels(): StatLabels {
  const t = useTranslations("common.stats");
  return useMemo(() => Object.fromEntries(STAT_KEYS.map((key) => [key, { label: t(`${key}.label`), description: t(`${key}.description`), rate: t(`${key}.rate`) }])) as StatLabels, [t]);
}
