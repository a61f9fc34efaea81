"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const PAGES = [
  ["/alerts", "rules"],
  ["/alerts/channels", "channels"],
  ["/alerts/silences", "silences"],
  ["/alerts/history", "history"],
] as const;

/** The alerts section's pages, one row of links under the page header. */
export function AlertsNav() {
  const t = useTranslations("alerts.nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("rules")} className="flex flex-wrap gap-2 text-sm">
      {PAGES.map(([href, label]) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 ring-1 ring-inset ring-zinc-200 hover:bg-zinc-100 dark:ring-zinc-800 dark:hover:bg-zinc-800",
            pathname === href && "bg-zinc-900 text-white ring-zinc-900 hover:bg-zinc-800 dark:bg-zinc-100 dark:text-zinc-900",
          )}
        >
          {t(label)}
        </Link>
      ))}
    </nav>
  );
}
