"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RoomInfo } from "@/lib/contract/room-info";
import { formatDateTime, formatNumber } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { roomInfoQueryOptions } from "@/lib/queries/room-info";

// A room's details beside its figures: cover, name, owner, when it was created and, on the room
// page, its seat and message settings. Optional by design: while they load, or when Tencent cannot
// give them, nothing is shown in their place and the figures stand alone.

/**
 * The cover from Tencent's CDN: an external address, so a plain img (no image optimiser to proxy
 * it), no referrer sent, a fixed box so a slow or missing picture never moves the layout, and a
 * plain tile once it fails to load.
 */
export function RoomCover({ url, alt, size = "md" }: { url: string; alt: string; size?: "sm" | "md" }) {
  const [failed, setFailed] = useState(false);
  const box = size === "sm" ? "h-9 w-16" : "h-18 w-32";
  const safe = /^https?:\/\//i.test(url);
  if (!safe || failed) return <span aria-hidden="true" className={`${box} shrink-0 rounded-md bg-zinc-200 dark:bg-zinc-800`} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- an external CDN address, shown as is
    <img
      src={url}
      alt={alt}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
      className={`${box} shrink-0 rounded-md bg-zinc-200 object-cover dark:bg-zinc-800`}
    />
  );
}

export function RoomDetails({ roomId, settings = false, enabled = true }: { roomId: string; settings?: boolean; enabled?: boolean }) {
  const { data } = useQuery(roomInfoQueryOptions(roomId, enabled));
  if (!data) return null;
  return <RoomDetailsView info={data.info} settings={settings} />;
}

export function RoomDetailsView({ info, settings }: { info: RoomInfo; settings: boolean }) {
  const t = useTranslations("roomDetails");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const created = Date.parse(info.createdAt);
  const name = info.name || info.roomId;
  return (
    <section aria-label={t("label")} className="flex min-w-0 items-start gap-3">
      <RoomCover url={info.coverUrl} alt={t("coverAlt", { name })} />
      <div className="min-w-0 space-y-0.5 text-sm">
        <p className="truncate font-medium text-zinc-900 dark:text-zinc-100" title={name}>
          {name}
        </p>
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-zinc-600 dark:text-zinc-400">
          {info.owner ? (
            <div className="flex gap-1">
              <dt>{t("owner")}</dt>
              <dd className="font-mono">{info.owner}</dd>
            </div>
          ) : null}
          <div className="flex gap-1">
            <dt>{t("created")}</dt>
            <dd>
              <time dateTime={info.createdAt}>{formatDateTime(created, locale, timeZone)}</time>
            </dd>
          </div>
          {settings ? (
            <>
              {info.seatsEnabled !== null ? (
                <div className="flex gap-1">
                  <dt>{t("seats")}</dt>
                  <dd>
                    {!info.seatsEnabled
                      ? t("seatsOff")
                      : t("seatsOn", { max: info.maxSeats ?? 0, mode: info.takeSeatMode ?? "unknown", count: formatNumber(info.maxSeats ?? 0, locale) })}
                  </dd>
                </div>
              ) : null}
              {info.messagesDisabled !== null ? (
                <div className="flex gap-1">
                  <dt>{t("messages")}</dt>
                  <dd>{info.messagesDisabled ? t("messagesOff") : t("messagesOn")}</dd>
                </div>
              ) : null}
            </>
          ) : null}
        </dl>
      </div>
    </section>
  );
}

/**
 * One line for a room in a list (the watchlist): a small cover, the room's name and its host. Only
 * for a live room: Tencent forgets an ended one, and a room whose recording fails would fail here
 * too, each a failed request in the browser for nothing.
 */
export function RoomNameLine({ roomId, live }: { roomId: string; live: boolean }) {
  const t = useTranslations("roomDetails");
  const lookups = useCan("rooms.lookup");
  const { data } = useQuery(roomInfoQueryOptions(roomId, lookups && live));
  if (!data || !data.info.name) return null;
  const { name, owner, coverUrl } = data.info;
  return (
    <div className="mt-1 flex min-w-0 items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      <RoomCover url={coverUrl} alt={t("coverAlt", { name })} size="sm" />
      <span className="min-w-0">
        <span className="block truncate text-zinc-800 dark:text-zinc-200" title={name}>
          {name}
        </span>
        {owner ? <span className="block truncate font-mono">{owner}</span> : null}
      </span>
    </div>
  );
}
