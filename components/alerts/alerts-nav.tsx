"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";

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

/** An alerts page: its heading and description from the section's messages, and the section's links under them. */
export function AlertsPage({ section, children }: { section: (typeof PAGES)[number][1]; children: ReactNode }) {
  const t = useTranslations("alerts");
  return (
    <main className="mx-auto w-full max-w-7xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
      <PageHeader title={t(`${section}.title`)} description={t(`${section}.description`)} />
      <AlertsNav />
      {children}
    </main>
  );
}

/** The card holding an alerts page's form (a new rule, channel or silence), named by its heading. */
export function FormCard({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <Card as="section" aria-labelledby={id} className="space-y-4 p-4 sm:p-6">
      <h2 id={id} className="text-base font-semibold">
        {heading}
      </h2>
      {children}
    </Card>
  );
}
