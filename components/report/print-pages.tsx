"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatTimeZone } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";

/** The report's time range, as machine-readable times: the status line and every printed page say it. */
export function ReportRange({ startedAt, endedAt }: { startedAt: number; endedAt: number }) {
  const t = useTranslations("report");
  const locale = useLocale();
  const timeZone = useTimeZone();
  return t.rich("range", {
    start: formatDateTime(startedAt, locale, timeZone),
    end: formatDateTime(endedAt, locale, timeZone),
    from: (chunks) => <time dateTime={new Date(startedAt).toISOString()}>{chunks}</time>,
    to: (chunks) => <time dateTime={new Date(endedAt).toISOString()}>{chunks}</time>,
  });
}

/**
 * A report printed on several sheets becomes loose pages: each must say which room, which time and
 * which zone on its own. A table's header group repeats at the top of every page the table runs
 * across (where a `position: fixed` header, repeated too, would sit on top of the content), so in
 * print the report is a one-column table with that line as its header group and `children` as its
 * body. On screen there is no table: the header is not
 * displayed and the body is a plain block. Without a range (nothing recorded) there is no header.
 */
export function PrintPages({
  roomId,
  range,
  className,
  children,
}: {
  roomId: string;
  range: { startedAt: number; endedAt: number } | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="print:table print:w-full">
      {range ? <PageHeaderGroup roomId={roomId} startedAt={range.startedAt} endedAt={range.endedAt} /> : null}
      {/* A cell straight in a row group: the browser puts the row around it. */}
      <div className="print:table-row-group">
        <div className={cn("print:table-cell", className)}>{children}</div>
      </div>
    </div>
  );
}

function PageHeaderGroup({ roomId, startedAt, endedAt }: { roomId: string; startedAt: number; endedAt: number }) {
  const t = useTranslations("report.printHeader");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const zone = formatTimeZone(startedAt, locale, timeZone);
  return (
    // Repeated only if it may not itself be split across pages (css-tables-3 §6.2): without
    // break-inside: avoid, Chromium printed it on the first page only.
    <div data-print-header className="hidden print:table-header-group print:break-inside-avoid">
      <div className="print:table-cell print:pb-4">
        <p className="flex flex-wrap items-baseline justify-between gap-x-4 border-b border-zinc-400 pb-1.5 text-xs text-zinc-800">
          <span className="font-semibold break-all">{t("room", { roomId })}</span>
          <span className="tabular-nums">
            <ReportRange startedAt={startedAt} endedAt={endedAt} />
          </span>
          <span>{t("zone", { zone, named: zone === timeZone ? "no" : "yes", timeZone })}</span>
        </p>
      </div>
    </div>
  );
}
