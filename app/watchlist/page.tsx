import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePrincipal } from "@/lib/pages/session";
import { Suspense } from "react";
import { WatchlistView } from "./watchlist-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("watchlist");
  return { title: t("title") };
}

export default async function WatchlistPage() {
  await requirePrincipal();
  const t = await getTranslations("watchlist");
  return (
    // useSearchParams (sort, dir) needs a boundary.
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loadingPage")}</p>}>
      <WatchlistView />
    </Suspense>
  );
}
