"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { formatDateTime, formatIn } from "@/lib/format";
import { useNow } from "@/lib/hooks/use-now";
import { useLocale, useTimeZone } from "@/lib/hooks/use-locale";
import { healthQueryOptions } from "@/lib/queries/health";
import { cn } from "@/components/ui/cn";

/**
 * Tells operators, on every page, when the console's Tencent credential is about to stop working
 * or already has: otherwise the first sign would be every room failing at once.
 */
export function CredentialBanner() {
  const t = useTranslations("credentialBanner");
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { data: health } = useQuery(healthQueryOptions());
  const now = useNow();
  const credential = health?.credential;
  if (!credential) return null;

  const expiresAt = credential.expiresAt ? Date.parse(credential.expiresAt) : Number.NaN;
  const when = Number.isFinite(expiresAt) ? formatDateTime(expiresAt, locale, timeZone) : null;

  let tone: "warning" | "danger";
  let title: string;
  let detail: string;
  switch (credential.status) {
    case "expiring":
      tone = "warning";
      title = t("expiring.title");
      detail = when && now ? t("expiring.detail", { relative: formatIn(expiresAt, now, locale), at: when }) : t("expiring.detailWithinDay");
      break;
    case "expired":
      tone = "danger";
      title = t("expired.title");
      detail = when ? t("expired.detail", { at: when }) : t("expired.detailUnknownTime");
      break;
    case "rejected":
      tone = "danger";
      title = t("rejected.title");
      // As text: Tencent's error codes are identifiers, not quantities to group with separators.
      detail = credential.lastErrorCode !== null ? t("rejected.detail", { code: String(credential.lastErrorCode) }) : t("rejected.detailNoCode");
      break;
    default:
      return null;
  }

  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cn(
        // The console's state now, not part of anything printed from it.
        "border-b py-3 text-sm print:hidden",
        tone === "danger"
          ? "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
          : "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
      )}
    >
      <div className="mx-auto max-w-7xl px-4 sm:px-6">
        <p className="font-semibold">{title}</p>
        <p className="mt-0.5">{detail}</p>
      </div>
    </div>
  );
}
