"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/format";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { useTranslations } from "next-intl";
import { healthQueryOptions } from "@/lib/queries/health";

/**
 * Tells operators when recorded history is not being saved (a locked database, a full disk), so a
 * report with a hole in it is no surprise. Live figures do not depend on storage and keep working.
 */
export function StorageBanner() {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const t = useTranslations("shell.storageBanner");
  const problem = useTranslations("storage");
  const { data: health } = useQuery(healthQueryOptions());
  const history = health?.history;
  if (!history || history.storeOk) return null;
  const last = history.storeErrorAt ? formatDateTime(Date.parse(history.storeErrorAt), locale, timeZone) : null;
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 py-3 text-sm print:hidden text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto max-w-7xl px-4 sm:px-6">
        <p className="font-semibold">{t("title")}</p>
        <p className="mt-0.5">{history.storeError ? problem(history.storeError) : t("refusedWrite")}</p>
        <p className="mt-0.5">{last ? t("lastFailure", { at: last }) : t("keepsTrying")}</p>
      </div>
    </div>
  );
}
