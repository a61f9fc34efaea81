"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { AdminListCard, AdminTableHead } from "@/components/admin/admin-table";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { historyQueryOptions } from "@/lib/queries/alerts";
import { AlertsPage } from "./alerts-nav";
import { stateTone } from "./current-alerts";

export function HistoryPanel() {
  const t = useTranslations("alerts");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const pathname = usePathname();
  // The page is in the URL (?before=), so a shared link opens the same page of history.
  const beforeParam = useSearchParams().get("before");
  const before = beforeParam && /^\d+$/.test(beforeParam) ? Number(beforeParam) : null;
  const history = useQuery(historyQueryOptions(before));

  return (
    <AlertsPage section="history">
      <AdminListCard label={t("history.listLabel")} query={history} loading={t("history.loading")} empty={history.data?.events.length === 0 ? t("history.empty") : undefined}>
        <AdminTableHead columns={[t("history.columns.at"), t("history.columns.rule"), t("history.columns.room"), t("history.columns.change"), t("history.columns.value")]} />
        <tbody>
          {history.data?.events.map((e) => (
            <tr key={e.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800/60">
              <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(Date.parse(e.at), locale, timeZone)}</td>
              <td className="px-3 py-2">{e.ruleName ?? t("history.deletedRule")}</td>
              <td className="px-3 py-2 font-mono">{e.roomId === "*" ? t("current.fleet") : e.roomId}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {t(`states.${e.from}`)} → <Badge tone={stateTone(e.to)}>{t(`states.${e.to}`)}</Badge>
                {e.silenced ? <span className="ml-2 text-xs text-zinc-500">{t("history.silenced")}</span> : null}
              </td>
              <td className="px-3 py-2 tabular-nums">{e.value ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </AdminListCard>
      <div className="flex gap-2">
        {before !== null ? (
          <Link href={pathname} className={buttonClasses("secondary", "sm")}>
            {t("history.newest")}
          </Link>
        ) : null}
        {history.data?.next != null ? (
          <Link href={`${pathname}?before=${history.data.next}`} className={buttonClasses("secondary", "sm")}>
            {t("history.older")}
          </Link>
        ) : null}
      </div>
    </AlertsPage>
  );
}
