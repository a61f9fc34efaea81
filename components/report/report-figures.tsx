import { useId, type ReactNode } from "react";
import { useStatLabels } from "@/components/stats/stat-labels";
import { formatDateTime, formatNumber, formatRate, formatRatio, formatTime } from "@/lib/format";
import type { StreamReport } from "@/lib/history/report";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { STAT_KEYS, type StatKey } from "@/lib/contract/stats";

/** The counters a manager asks about when a stream is over, in the words. */
export const PEAK_KEYS = [
  { key: "totalMsgCount", label: "Messages per minute" },
  { key: "totalLikesReceived", label: "Likes per minute" },
  { key: "totalGiftCoins", label: "Coins per minute" },
  { key: "totalViewers", label: "Viewer arrivals per minute" },
] as const satisfies readonly { key: StatKey; label: string }[];

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

export function ReportSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div>
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        {description ? <p className="text-xs text-zinc-500 dark:text-zinc-400 print:text-zinc-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

const grid = "grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6 print:grid-cols-3";

export function FinalTotals({ report }: { report: StreamReport }) {
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <ReportSection
      title="Final totals"
      description={report.resets.count > 0 ? "The counters were reset during the stream; these count from the last reset." : undefined}
    >
      <dl className={grid}>
        {STAT_KEYS.map((key) => (
          <Tile key={key} label={STAT_LABELS[key].label} value={formatNumber(report.finalTotals[key], locale)} />
        ))}
      </dl>
    </ReportSection>
  );
}

export function Peaks({ report }: { report: StreamReport }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <ReportSection title="Peaks" description="The highest rate between two samples, and when it was reached.">
      <dl className="grid grid-cols-2 gap-2 lg:grid-cols-4 print:grid-cols-4">
        {PEAK_KEYS.map(({ key, label }) => {
          const peak = report.peaks[key];
          return (
            <Tile
              key={key}
              label={label}
              value={peak ? formatRate(peak.perMinute, locale) : "—"}
              detail={
                peak ? (
                  <>
                    at{" "}
                    <time dateTime={new Date(peak.t).toISOString()} title={formatDateTime(peak.t, locale, timeZone)}>
                      {formatTime(peak.t, locale, timeZone)}
                    </time>
                  </>
                ) : (
                  "not enough samples"
                )
              }
            />
          );
        })}
      </dl>
    </ReportSection>
  );
}

export function Averages({ report }: { report: StreamReport }) {
  const STAT_LABELS = useStatLabels();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <ReportSection title="Averages" description="Mean per-minute rates over the time the recorder was watching (gaps left out).">
      <dl className={grid}>
        {STAT_KEYS.map((key) => (
          <Tile key={key} label={STAT_LABELS[key].rate} value={formatRate(report.averages[key], locale)} />
        ))}
      </dl>
    </ReportSection>
  );
}

export function Ratios({ report }: { report: StreamReport }) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { ratios } = report;
  const items = [
    { label: "Coins per gift", value: ratios.coinsPerGift, detail: "Gift coins ÷ gifts sent" },
    { label: "Gifts per sender", value: ratios.giftsPerSender, detail: "Gifts sent ÷ unique senders" },
    { label: "Gift senders per 100 viewers", value: ratios.giftSendersPer100Viewers, detail: "Share of the audience that paid" },
    { label: "Likes per viewer", value: ratios.likesPerViewer, detail: "Likes ÷ viewers" },
    { label: "Messages per viewer", value: ratios.messagesPerViewer, detail: "Messages ÷ viewers" },
  ];
  return (
    <ReportSection title="Ratios" description="From the final totals.">
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5 print:grid-cols-3">
        {items.map((item) => (
          <Tile key={item.label} label={item.label} value={formatRatio(item.value, locale)} detail={item.detail} />
        ))}
      </dl>
    </ReportSection>
  );
}
