"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { healthQueryOptions } from "@/lib/queries/health";
import { cn } from "@/components/ui/cn";

const pill = "inline-flex items-center gap-1.5 rounded-full px-3 py-1 text-base font-semibold ring-2 ring-inset";

/**
 * The warnings a wall keeps, small, in place of the banners: a failing credential or history store
 * explains a wall of stale tiles, and simulated figures must never pass for real ones.
 */
export function WallAlerts() {
  const t = useTranslations("wall.alerts");
  const { data: health } = useQuery(healthQueryOptions());
  if (!health) return null;
  const credential = health.credential.status;
  const credentialText =
    credential === "expiring" ? t("credentialExpiring") : credential === "expired" ? t("credentialExpired") : credential === "rejected" ? t("credentialRejected") : null;
  const storageFailing = health.history && !health.history.storeOk;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {credentialText ? (
        <span role={credential === "expiring" ? "status" : "alert"} className={cn(pill, credential === "expiring" ? "bg-amber-100 text-amber-950 ring-amber-500 dark:bg-amber-950 dark:text-amber-100" : "bg-red-100 text-red-950 ring-red-600 dark:bg-red-950 dark:text-red-100")}>
          <span aria-hidden="true">⚠</span>
          {credentialText}
        </span>
      ) : null}
      {storageFailing ? (
        <span role="alert" className={cn(pill, "bg-amber-100 text-amber-950 ring-amber-500 dark:bg-amber-950 dark:text-amber-100")}>
          <span aria-hidden="true">⚠</span>
          {t("storage")}
        </span>
      ) : null}
      {health.simulated ? <span className={cn(pill, "bg-zinc-100 text-zinc-700 ring-zinc-400 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-600")}>{t("simulated")}</span> : null}
    </div>
  );
}
