import type { Metadata } from "next";
import { requirePrincipal } from "@/lib/pages/session";
import { Suspense } from "react";
import { CompareView } from "./compare-view";

export const metadata: Metadata = { title: "Compare rooms" };

export default async function ComparePage() {
  await requirePrincipal();
  return (
    // The rooms, alignment and series live in the URL (useSearchParams needs a boundary).
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">Loading…</p>}>
      <CompareView />
    </Suspense>
  );
}
