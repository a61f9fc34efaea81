"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { RoomCover } from "@/components/room/room-details";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SortHeader } from "@/components/watchlist/watchlist-table";
import type { LiveRoomRow } from "@/lib/contract/live-rooms";
import { formatAgo, formatDateTime, formatNumber, formatTime, NO_VALUE } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { reportHref, roomHref } from "@/lib/views/room-view-state";
import { LIVE_TOTAL_COLUMNS, type LiveSortKey, type SortDirection } from "@/lib/views/live-list";

const TOTAL_KEYS = ["viewers", "likes", "messages", "coins"] as const satisfies readonly (keyof typeof LIVE_TOTAL_COLUMNS)[];

export interface LiveRoomsTableProps {
  rooms: readonly LiveRoomRow[];
  sort: LiveSortKey;
  dir: SortDirection;
  onSort: (key: LiveSortKey) => void;
  /** Absent for roles that may not change the watchlist: no Watch buttons then. */
  onWatch?: (roomId: string) => void;
  /** The room whose watch is in flight. */
  watching?: string;
}

/**
 * The live rooms as one table: Tencent's part (cover, name, host, start, views) and, where the
 * console has recorded the room, its latest totals. On a phone it scrolls sideways with the room
 * column pinned, as the watchlist does.
 */
export function LiveRoomsTable({ rooms, sort, dir, onSort, onWatch, watching }: LiveRoomsTableProps) {
  const t = useTranslations("live.table");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const now = useNow();
  const header = { sort, dir, onSort };
  return (
    <Card className="relative overflow-x-auto">
      <table className="w-full min-w-[64rem] border-collapse text-sm">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="border-b border-zinc-200 text-left text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          {/* Tencent's columns, then the console's own: "Views" and "Viewers" must not read as one figure twice. */}
          <tr>
            <td colSpan={3} />
            <th scope="colgroup" colSpan={TOTAL_KEYS.length + 1} className="border-b border-zinc-200 px-2.5 pt-2 pb-1 text-center font-medium dark:border-zinc-800">
              {t("recordedHeading")}
            </th>
            <td />
          </tr>
          <tr>
            <SortHeader column="name" label={t("room")} {...header} className="sticky left-0 z-10 bg-white dark:bg-zinc-900" />
            <SortHeader column="created" label={t("created")} {...header} />
            <SortHeader column="views" label={t("views")} numeric {...header} />
            {TOTAL_KEYS.map((key) => (
              <SortHeader key={key} column={key} label={t(key)} numeric {...header} />
            ))}
            <th scope="col" className="px-2.5 py-2 font-medium whitespace-nowrap">
              {t("recordedAt")}
            </th>
            <th scope="col" className="px-2.5 py-2">
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rooms.map((room) => {
            const created = Date.parse(room.createdAt);
            const recordedAt = room.recorded ? Date.parse(room.recorded.at) : null;
            const name = room.name || room.roomId;
            return (
              <tr key={room.roomId} className="group align-middle hover:bg-zinc-50 dark:hover:bg-zinc-800/50">
                <th
                  scope="row"
                  className="sticky left-0 z-10 max-w-80 min-w-56 bg-white px-2.5 py-2 text-left font-normal group-hover:bg-zinc-50 dark:bg-zinc-900 dark:group-hover:bg-zinc-800"
                >
                  <div className="flex min-w-0 items-center gap-2.5">
                    <RoomCover url={room.coverUrl} alt="" size="sm" />
                    <div className="min-w-0">
                      <Link
                        href={roomHref(room.roomId)}
                        className="block truncate font-medium text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
                        title={name}
                      >
                        {name}
                      </Link>
                      <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={room.roomId}>
                        {room.roomId}
                        {room.owner ? ` · ${room.owner}` : ""}
                      </span>
                    </div>
                  </div>
                </th>
                <td className="px-2.5 py-2 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  {Number.isFinite(created) ? (
                    <time dateTime={room.createdAt} title={formatDateTime(created, locale, timeZone)}>
                      {now === 0 ? formatTime(created, locale, timeZone) : formatAgo(created, now, locale)}
                    </time>
                  ) : (
                    NO_VALUE
                  )}
                </td>
                <td className="px-2.5 py-2 text-right font-medium tabular-nums">{formatNumber(room.viewCount, locale)}</td>
                {TOTAL_KEYS.map((key) => (
                  <td key={key} className="px-2.5 py-2 text-right tabular-nums">
                    {room.recorded ? formatNumber(room.recorded.totals[LIVE_TOTAL_COLUMNS[key]], locale) : <span className="text-zinc-400 dark:text-zinc-600">{NO_VALUE}</span>}
                  </td>
                ))}
                <td className="px-2.5 py-2 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                  {recordedAt === null ? (
                    <span className="text-zinc-400 dark:text-zinc-600">{t("notRecorded")}</span>
                  ) : (
                    <time dateTime={room.recorded!.at} title={formatDateTime(recordedAt, locale, timeZone)}>
                      {now === 0 ? formatTime(recordedAt, locale, timeZone) : formatAgo(recordedAt, now, locale)}
                    </time>
                  )}
                </td>
                <td className="px-2.5 py-2 text-right whitespace-nowrap">
                  <span className="inline-flex items-center gap-2">
                    {room.watched || room.recorded ? (
                      <Link
                        href={reportHref(room.roomId)}
                        aria-label={t("reportLabel", { roomId: room.roomId })}
                        className="text-xs text-zinc-600 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-zinc-100"
                      >
                        {t("report")}
                      </Link>
                    ) : null}
                    {room.watched ? (
                      <Badge tone="info">{t("watching")}</Badge>
                    ) : onWatch ? (
                      <Button size="sm" variant="secondary" aria-label={t("watchLabel", { roomId: room.roomId })} disabled={watching === room.roomId} onClick={() => onWatch(room.roomId)}>
                        {t("watch")}
                      </Button>
                    ) : null}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
