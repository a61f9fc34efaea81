import type { Metadata } from "next";
import { requirePrincipal } from "@/lib/pages/session";
import { Suspense } from "react";
import { WatchlistView } from "./watchlist-view";

export const metadata: Metadata = { title: "Watchlist" };

export default async function WatchlistPage() {
  await requirePrincipal();
  return (
    // useSearchParams (sort, dir) needs a boundary.
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">Loading watchlist…</p>}>
      <WatchlistView />
    </Suspense>
  );
}
