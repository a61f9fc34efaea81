"use client";

import { useTranslations } from "next-intl";
import { memo, useId, useMemo } from "react";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { CardSection } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatNumber, formatTime, formatTimeZone } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { STAT_KEYS, type Sample, type StatKey } from "@/lib/contract/stats";
import { chartPoints, MAX_SAMPLES } from "@/lib/stats/derived";
import { useStatLabels } from "./stat-labels";

export interface LiveSamplesSectionProps {
  samples: readonly Sample[];
  metric: StatKey;
  onMetricChange: (metric: StatKey) => void;
  /** Samples further apart than this are drawn with a break between them. */
  maxGapMs: number;
}

/** The chosen counter over the samples taken while this page has been open, and the choice of counter. */
export const LiveSamplesSection = memo(function LiveSamplesSection({ samples, metric, onMetricChange, maxGapMs }: LiveSamplesSectionProps) {
  const t = useTranslations("room.liveSamples");
  const charts = useTranslations("charts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const STAT_LABELS = useStatLabels();
  // Names the radio group of this chart, apart from any other on the page.
  const radioName = useId();
  const label = STAT_LABELS[metric].label;
  const series = useMemo(() => [{ name: label, points: chartPoints(samples, metric, maxGapMs) }], [samples, metric, maxGapMs, label]);
  const first = samples[0];
  const last = samples.at(-1);

  return (
    <CardSection
      title={t("title")}
      description={t("description", {
        count: samples.length,
        countText: formatNumber(samples.length, locale),
        maxText: formatNumber(MAX_SAMPLES, locale),
      })}
      actions={
        <div role="radiogroup" aria-label={t("metric")} className="flex flex-wrap gap-1.5">
          {STAT_KEYS.map((key) => (
            <label
              key={key}
              className={cn(
                "cursor-pointer rounded-full border px-3 py-1 text-xs font-medium transition-colors",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-sky-500",
                key === metric
                  ? "border-sky-600 bg-sky-600 text-white dark:border-sky-400 dark:bg-sky-400 dark:text-zinc-950"
                  : "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
              )}
            >
              <input
                type="radio"
                name={radioName}
                value={key}
                checked={key === metric}
                onChange={() => onMetricChange(key)}
                className="sr-only"
              />
              {STAT_LABELS[key].label}
            </label>
          ))}
        </div>
      }
    >
      <figure className="mt-4">
        {samples.length < 2 ? (
          <div className="flex h-64 items-center justify-center rounded-lg border border-dashed border-zinc-300 text-sm text-zinc-500 sm:h-72 dark:border-zinc-700 dark:text-zinc-400">
            {samples.length === 0 ? t("waiting") : t("startsNext")}
          </div>
        ) : (
          <>
            <TimeSeriesChart series={series} kind="total" format={formatNumber} dots={samples.length <= 60} className="h-64 sm:h-72" />
            {/* The time axis labels times of day without their zone: it is said once, here. */}
            {last ? <p className="mt-1 text-right text-xs text-zinc-500 dark:text-zinc-400">{charts("timesIn", { zone: formatTimeZone(last.t, locale, timeZone) })}</p> : null}
          </>
        )}
        <figcaption className="sr-only">
          {first && last
            ? t("captionRange", {
                label,
                first: formatNumber(first.stats[metric], locale),
                firstTime: formatTime(first.t, locale, timeZone),
                last: formatNumber(last.stats[metric], locale),
                lastTime: formatTime(last.t, locale, timeZone),
                zone: formatTimeZone(last.t, locale, timeZone),
              })
            : t("caption", { label })}
        </figcaption>
      </figure>
    </CardSection>
  );
});
