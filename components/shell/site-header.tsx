"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { Permission } from "@/lib/contract/roles";
import { useSession } from "@/lib/hooks/use-session";
import { healthQueryOptions } from "@/lib/queries/health";
import { signOut } from "@/lib/queries/session";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LanguageSwitch } from "./language-switch";

/** The main navigation, each entry shown only to roles that may use it. */
const NAV: readonly (readonly [href: string, label: "live" | "watchlist" | "compare" | "alerts" | "users" | "tokens" | "audit", permission: Permission])[] = [
  ["/live", "live", "rooms.lookup"],
  ["/watchlist", "watchlist", "watchlist.read"],
  ["/compare", "compare", "rooms.read_watched"],
  ["/alerts", "alerts", "alerts.read"],
  ["/admin/users", "users", "users.manage"],
  ["/admin/tokens", "tokens", "tokens.manage"],
  ["/admin/audit", "audit", "audit.read"],
];

/** A full load, not a client navigation: nothing of this user's data stays in the page's caches. */
async function signOutAndLeave() {
  await signOut().catch(() => undefined);
  window.location.replace("/sign-in");
}

export function SiteHeader() {
  const t = useTranslations("shell");
  const roles = useTranslations("common.roles");
  const session = useSession();
  const { data: health } = useQuery({ ...healthQueryOptions(), enabled: session !== null });
  const pathname = usePathname();
  const nav = session ? NAV.filter(([, , permission]) => session.permissions.includes(permission)) : [];

  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80 print:hidden">
      {/* One row where it fits; on a phone the navigation takes a row of its own under the name and
          the controls (which wrap too, rather than push the page sideways). */}
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 sm:px-6 lg:flex-nowrap lg:py-0">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-sky-500"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 text-sky-600 dark:text-sky-400">
            <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
            <circle cx="12" cy="12" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
            <circle cx="12" cy="12" r="1.5" fill="currentColor" />
          </svg>
          Roomscope
        </Link>
        <span className="hidden text-sm text-zinc-500 xl:inline dark:text-zinc-400">{t("tagline")}</span>
        <nav aria-label="Main" className="order-last -mx-2 flex w-[calc(100%+1rem)] gap-1 overflow-x-auto lg:order-none lg:mx-0 lg:ml-2 lg:w-auto">
          {nav.map(([href, label]) => (
            <Link
              key={href}
              href={href}
              aria-current={pathname === href ? "page" : undefined}
              className="shrink-0 rounded-md px-2 py-1 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100 aria-[current=page]:text-zinc-900 dark:aria-[current=page]:text-zinc-100"
            >
              {t(`nav.${label}`)}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex min-w-0 flex-wrap items-center justify-end gap-2">
          {health?.simulated ? (
            <Badge tone="warning" title={t("simulated.title")}>
              <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500" />
              {t("simulated.label")}
            </Badge>
          ) : null}
          <LanguageSwitch />
          {session ? (
            <>
              <span className="hidden text-sm text-zinc-600 md:inline dark:text-zinc-400" title={t("signedInAs", { email: session.user.email })}>
                {session.user.email} <Badge tone="neutral">{roles(session.user.role)}</Badge>
              </span>
              <Button size="sm" variant="ghost" onClick={() => void signOutAndLeave()}>
                {t("signOut")}
              </Button>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
