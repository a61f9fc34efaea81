"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime } from "@/lib/format";
import { useLocale } from "@/lib/hooks/use-locale";
import { message } from "@/lib/i18n/messages";
import { healthQueryOptions } from "@/lib/queries/health";

/**
 * Tells operators when recorded history is not being saved (a locked database, a full disk), so a
 * report with a hole in it is no surprise. Live figures do not depend on storage and keep working.
 */
export function StorageBanner() {
  const locale = useLocale();
  const { data: health } = useQuery(healthQueryOptions());
  const history = health?.history;
  if (!history || history.storeOk) return null;
  const last = history.storeErrorAt ? formatDateTime(Date.parse(history.storeErrorAt), locale) : null;
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
      <div className="mx-auto max-w-7xl px-4 sm:px-6">
        <p className="font-semibold">Recorded history is not being saved</p>
        <p className="mt-0.5">{history.storeError ? message(`storage.${history.storeError}`) : "The history database refused a write."}</p>
        <p className="mt-0.5">
          {last ? `Last failed write: ${last}. ` : ""}Live figures keep working and the recorder keeps trying; samples missed meanwhile show as gaps.
        </p>
      </div>
    </div>
  );
}
