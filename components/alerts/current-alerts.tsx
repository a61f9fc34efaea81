"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { AlertState } from "@/lib/contract/alerts";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useCan } from "@/lib/hooks/use-session";
import { currentAlertsQueryOptions } from "@/lib/queries/alerts";

/** How each state looks wherever it is shown. */
export function stateTone(state: AlertState): "danger" | "warning" | "neutral" | "success" | "info" {
  return state === "firing" ? "danger" : state === "pending" ? "warning" : state === "no_data" ? "info" : state === "resolved" ? "success" : "neutral";
}

/** The firing (and pending, no data) alerts of every room, for the watchlist's badges: one query for the whole list. */
export function useCurrentAlerts() {
  const canRead = useCan("alerts.read");
  return useQuery({ ...currentAlertsQueryOptions(), enabled: canRead });
}

/** A watchlist row's badge: how many of the room's alerts are firing, linked to the room's page. */
export function RoomAlertBadge({ roomId, alerts }: { roomId: string; alerts: ReturnType<typeof useCurrentAlerts>["data"] }) {
  const t = useTranslations("alerts");
  const mine = alerts?.alerts.filter((a) => a.roomId === roomId && a.state === "firing") ?? [];
  if (mine.length === 0) return null;
  return (
    <Badge tone="danger" title={mine.map((a) => a.ruleName).join(", ")} data-testid="alert-badge">
      {t("current.badge", { count: mine.length })}
    </Badge>
  );
}

/** The room page's banner: each alert of this room that needs attention now. */
export function RoomAlertBanner({ roomId }: { roomId: string }) {
  const t = useTranslations("alerts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const canRead = useCan("alerts.read");
  const { data } = useQuery({ ...currentAlertsQueryOptions(roomId), enabled: canRead });
  const alerts = data?.alerts ?? [];
  if (alerts.length === 0) return null;
  const firing = alerts.some((a) => a.state === "firing");
  return (
    <section
      role={firing ? "alert" : "status"}
      className={
        firing
          ? "space-y-1 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          : "space-y-1 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      }
    >
      {alerts.map((a) => (
        <p key={a.ruleId}>
          <Link href="/alerts" className="font-medium underline-offset-2 hover:underline">
            {t("current.banner", { state: a.state, rule: a.ruleName })}
          </Link>{" "}
          <span className="text-xs opacity-80">
            {t("current.since", { time: formatDateTime(Date.parse(a.since), locale, timeZone) })}
            {a.silenced ? ` · ${t("current.silenced")}` : ""}
          </span>
        </p>
      ))}
    </section>
  );
}
