import { useTranslations } from "next-intl";
import { useId, type ReactNode } from "react";
import { useStatLabels } from "@/components/stats/stat-labels";
import { useRateTitle } from "@/components/history/rate-window-control";
import { formatDateTime, formatElapsed, formatNumber, formatRate, formatRatio, formatTime, formatTimeZone, NO_VALUE } from "@/lib/format";
import { RATE_WINDOW_MINUTES, type RateWindow } from "@/lib/contract/api";
import type { StreamReport } from "@/lib/history/report";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";

/** The counters a manager asks about when a stream is over, in the words. */
export const PEAK_KEYS = ["totalMsgCount", "totalLikesReceived", "totalGiftCoins", "totalViewers"] as const satisfies readonly StatKey[];

/** The ratios of the final totals, in the order shown. */
const RATIO_KEYS = ["coinsPerGift", "giftsPerSender", "giftSendersPer100Viewers", "likesPerViewer", "messagesPerViewer"] as const;

/** A counter's per-minute name: viewers only ever arrive (the counter is cumulative). */
function Tile({ label, value, detail }: { label: string; value: ReactNode; detail?: ReactNode }) {
  return (
    <div className="min-w-0 rounded-lg border border-zinc-200 bg-white px-3 py-2.5 break-inside-avoid dark:border-zinc-800 dark:bg-zinc-900 print:border-zinc-300 print:bg-white">
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400 print:text-zinc-600">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold tracking-tight tabular-nums">{value}</dd>
      {detail ? <dd className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400 print:text-zinc-600">{detail}</dd> : null}
    </div>
  );
}

export function ReportSection({ title, description, actions, children }: { title: string; description?: string; actions?: ReactNode; children: ReactNode }) {
  const headingId = useId();
  return (
    // On paper a section starts a new page rather than being split, unless it is longer than a page.
    <section aria-labelledby={headingId} className="space-y-2 print:break-inside-avoid">
      <div className="flex flex-wrap items-end justify-between gap-2 print:break-after-avoid">
        <div>
          <h2 id={headingId} className="text-base font-semibold">
            {title}
          </h2>
          {description ? <p className="text-xs text-zinc-500 dark:text-zinc-400 print:text-zinc-600">{description}</p> : null}
        </div>
        {actions ? <div className="print:hidden">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}

const grid = "grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6 print:grid-cols-3";

export function FinalTotals({ report }: { report: StreamReport }) {
  const t = useTranslations("report.finalTotals");
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  return (
    <ReportSection
      title={t("title")}
      description={report.resets.count > 0 ? t("afterReset") : undefined}
    >
      <dl className={grid}>
        {STAT_KEYS.map((key) => (
          <Tile key={key} label={STAT_LABELS[key].label} value={formatNumber(report.finalTotals[key], locale)} />
        ))}
      </dl>
    </ReportSection>
  );
}

/** The highest rate over `rateWindow` of the counters a manager asks about, and when. */
export function Peaks({ report, rateWindow, actions }: { report: StreamReport; rateWindow: RateWindow; actions?: ReactNode }) {
  const t = useTranslations("report.peaks");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const rateTitle = useRateTitle(rateWindow);
  const minutes = RATE_WINDOW_MINUTES[rateWindow];
  return (
    // The tiles give the time of day only; the zone is said once, in the description.
    <ReportSection title={t("title")} description={t("description", { minutes, zone: formatTimeZone(report.startedAt, locale, timeZone) })} actions={actions}>
      <dl className="grid grid-cols-2 gap-2 lg:grid-cols-4 print:grid-cols-4">
        {PEAK_KEYS.map((key) => {
          const peak = report.peaks[key];
          return (
            <Tile
              key={key}
              label={rateTitle(t(`label.${key}`))}
              value={peak ? formatRate(peak.perMinute, locale, minutes) : NO_VALUE}
              detail={
                peak
                  ? t.rich("at", {
                      clock: formatTime(peak.t, locale, timeZone),
                      time: (chunks) => (
                        <time dateTime={new Date(peak.t).toISOString()} title={formatDateTime(peak.t, locale, timeZone)}>
                          {chunks}
                        </time>
                      ),
                    })
                  : t("notEnoughSamples", { minutes })
              }
            />
          );
        })}
      </dl>
    </ReportSection>
  );
}

/**
 * Mean rates over all the observed time, whatever the rate window: a count over that long a time
 * resolves finer than any window, so they round to the observed minutes (lib/format's formatRate).
 */
export function Averages({ report }: { report: StreamReport }) {
  const t = useTranslations("report.averages");
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const observedMs = Math.max(0, report.durationMs - report.gaps.totalMs);
  return (
    <ReportSection title={t("title")} description={t("description", { duration: formatElapsed(observedMs, locale) })}>
      <dl className={grid}>
        {STAT_KEYS.map((key) => (
          <Tile key={key} label={STAT_LABELS[key].rate} value={formatRate(report.averages[key], locale, observedMs / 60_000)} />
        ))}
      </dl>
    </ReportSection>
  );
}

export function Ratios({ report }: { report: StreamReport }) {
  const t = useTranslations("report.ratios");
  const locale = useLocale();
  const { ratios } = report;
  return (
    <ReportSection title={t("title")} description={t("description")}>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5 print:grid-cols-3">
        {RATIO_KEYS.map((key) => (
          <Tile key={key} label={t(`${key}.label`)} value={formatRatio(ratios[key], locale)} detail={t(`${key}.detail`)} />
        ))}
      </dl>
    </ReportSection>
  );
}
