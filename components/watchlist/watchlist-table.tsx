"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { reportHref, roomHref } from "@/lib/views/room-view-state";
import { formatAgo, formatDateTime, formatNumber, formatRate, formatTime, NO_VALUE } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import type { OverviewRoom } from "@/lib/contract/api";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { RoomNameLine } from "@/components/room/room-details";
import { RoomStatusBadge } from "./room-status-badge";
import { RoomAlertBadge, useCurrentAlerts } from "@/components/alerts/current-alerts";
import { currentRates, RATE_COLUMNS, TOTAL_COLUMNS, type SortDirection, type SortKey } from "./sort-rooms";
import { Sparkline } from "./sparkline";

/** The current rates are over the last minute (the server's overview; the headers say so). */
const CURRENT_RATE_MINUTES = 1;

/** The total columns, in their order on screen. */
const TOTAL_KEYS = ["viewers", "messages", "likes", "coins", "giftsSent", "giftSenders"] as const satisfies readonly (keyof typeof TOTAL_COLUMNS)[];

export interface WatchlistTableProps {
  rooms: readonly OverviewRoom[];
  /** The time range the sparklines cover, as the picker names it. */
  rangeLabel: string;
  sort: SortKey;
  dir: SortDirection;
  onSort: (key: SortKey) => void;
  /** Absent for roles that may not change the watchlist: no remove buttons then. */
  onRemove?: (roomId: string) => void;
  /** RoomIds whose removal is in flight. */
  removing: ReadonlySet<string>;
  now: number;
}

/** A column header that sorts by its column; the watchlist's and the live rooms' tables. */
export function SortHeader<K extends string>({
  column,
  label,
  sort,
  dir,
  onSort,
  numeric = false,
  className,
}: {
  column: K;
  label: string;
  sort: K;
  dir: SortDirection;
  onSort: (key: K) => void;
  numeric?: boolean;
  className?: string;
}) {
  const active = column === sort;
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
      className={cn("px-2.5 py-2 font-medium whitespace-nowrap", numeric && "text-right", className)}
    >
      <button
        type="button"
        onClick={() => onSort(column)}
        className={cn(
          "inline-flex items-center gap-1 rounded-sm hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:text-zinc-100",
          // The arrow before a number column's label, so the label ends where the figures do.
          numeric && "flex-row-reverse",
          active && "text-zinc-900 dark:text-zinc-100",
        )}
      >
        {label}
        <span aria-hidden="true" className={cn("text-[10px]", !active && "invisible")}>
          {dir === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}

/**
 * The overview as one table. On a phone it scrolls sideways with the RoomId column pinned, which
 * keeps every figure comparable across rooms (cards would stack them out of sight).
 */
export function WatchlistTable({ rooms, sort, dir, onSort, onRemove, removing, now, rangeLabel }: WatchlistTableProps) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("watchlist.table");
  const header = { sort, dir, onSort };
  // One query for every row's badge, refreshed about as often as the evaluator runs.
  const { data: alerts } = useCurrentAlerts();
  return (
    <Card className="relative overflow-x-auto">
      <table className="w-full min-w-[72rem] border-collapse text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <tr>
            <SortHeader
              column="roomId"
              label={t("room")}
              {...header}
              className="sticky left-0 z-10 bg-white dark:bg-zinc-900"
            />
            <SortHeader column="status" label={t("status")} {...header} />
            <SortHeader column="messagesPerMin" label={t("rates.messagesPerMin")} numeric {...header} />
            <th scope="col" className="px-2.5 py-2 font-medium whitespace-nowrap">
              {t("trend", { range: rangeLabel })}
            </th>
            {(["viewersPerMin", "likesPerMin", "coinsPerMin"] as const).map((key) => (
              <SortHeader key={key} column={key} label={t(`rates.${key}`)} numeric {...header} />
            ))}
            {TOTAL_KEYS.map((key) => (
              <SortHeader key={key} column={key} label={t(`totals.${key}`)} numeric {...header} />
            ))}
            <SortHeader column="updated" label={t("lastSample")} {...header} />
            {onRemove ? (
              <th scope="col" className="px-2.5 py-2">
                <span className="sr-only">{t("actions")}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rooms.map((room) => {
            const rates = currentRates(room);
            const last = room.lastSampleAt === null ? null : Date.parse(room.lastSampleAt);
            return (
              <tr key={room.roomId} className="group align-top hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <th
                  scope="row"
                  className="sticky left-0 z-10 max-w-52 min-w-32 bg-white px-2.5 py-2.5 text-left font-normal group-hover:bg-zinc-50 dark:bg-zinc-900 dark:group-hover:bg-zinc-800"
                >
                  <Link
                    href={roomHref(room.roomId)}
                    className="font-mono font-medium [overflow-wrap:anywhere] text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
                  >
                    {room.roomId}
                  </Link>
                  <RoomNameLine roomId={room.roomId} live={room.status === "live"} />
                  <div>
                    <Link
                      href={reportHref(room.roomId)}
                      className="text-xs text-zinc-500 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-zinc-100"
                    >
                      {t.rich("report", { roomId: room.roomId, sr: (chunks) => <span className="sr-only">{chunks}</span> })}
                    </Link>
                  </div>
                </th>
                {/* Wide enough that a badge and a recording failure do not wrap a character a line. */}
                <td className="min-w-36 px-2.5 py-2.5">
                  <RoomStatusBadge status={room.status} error={room.error} /> <RoomAlertBadge roomId={room.roomId} alerts={alerts} />
                </td>
                <td className="px-2.5 py-2.5 text-right font-medium tabular-nums">{formatRate(rates?.totalMsgCount, locale, CURRENT_RATE_MINUTES)}</td>
                <td className="px-2.5 py-2">
                  <Sparkline points={room.sparkline} label={t("sparklineLabel", { roomId: room.roomId })} range={rangeLabel} />
                </td>
                {(["viewersPerMin", "likesPerMin", "coinsPerMin"] as const).map((key) => (
                  <td key={key} className="px-2.5 py-2.5 text-right tabular-nums">
                    {formatRate(rates?.[RATE_COLUMNS[key]], locale, CURRENT_RATE_MINUTES)}
                  </td>
                ))}
                {TOTAL_KEYS.map((key) => (
                  <td key={key} className="px-2.5 py-2.5 text-right tabular-nums">
                    {room.totals ? formatNumber(room.totals[TOTAL_COLUMNS[key]], locale) : NO_VALUE}
                  </td>
                ))}
                <td className="px-2.5 py-2.5 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  {last === null ? (
                    NO_VALUE
                  ) : (
                    <time dateTime={room.lastSampleAt!} title={formatDateTime(last, locale, timeZone)}>
                      {now === 0 ? formatTime(last, locale, timeZone) : formatAgo(last, now, locale)}
                    </time>
                  )}
                </td>
                {onRemove ? (
                  <td className="px-2.5 py-2 text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t("remove", { roomId: room.roomId })}
                      title={t("removeTitle", { roomId: room.roomId })}
                      disabled={removing.has(room.roomId)}
                      onClick={() => onRemove(room.roomId)}
                      className="px-2 hover:text-red-700 dark:hover:text-red-400"
                    >
                      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-current">
                        <path d="M6 1.5h4a.5.5 0 0 1 .5.5v1h3a.75.75 0 0 1 0 1.5h-.6l-.7 9.1A1.5 1.5 0 0 1 10.7 15H5.3a1.5 1.5 0 0 1-1.5-1.4L3.1 4.5h-.6a.75.75 0 0 1 0-1.5h3V2a.5.5 0 0 1 .5-.5Zm-1.4 3 .7 9h5.4l.7-9H4.6Z" />
                      </svg>
                    </Button>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
