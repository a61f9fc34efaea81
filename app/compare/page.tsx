import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePrincipal } from "@/lib/pages/session";
import { Suspense } from "react";
import { CompareView } from "./compare-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compare");
  return { title: t("title") };
}

export default async function ComparePage() {
  await requirePrincipal();
  const t = await getTranslations("compare");
  return (
    // The rooms, alignment and series live in the URL (useSearchParams needs a boundary).
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loading")}</p>}>
      <CompareView />
    </Suspense>
  );
}
