import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";
import { LiveView } from "./live-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("live");
  return { title: t("title") };
}

export default async function LivePage() {
  // Every room of the app: for the roles that may look any room up.
  const { principal, allowed } = await pageAccess("rooms.lookup");
  if (!allowed) return <Forbidden role={principal.role} />;
  const t = await getTranslations("live");
  return (
    // The search, sort and refresh live in the URL (useSearchParams needs a boundary).
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loading")}</p>}>
      <LiveView />
    </Suspense>
  );
}
