import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { HistoryPanel } from "@/components/alerts/history-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts.history");
  return { title: t("title") };
}

export default async function Page() {
  const { principal, allowed } = await pageAccess("alerts.read");
  return allowed ? <HistoryPanel /> : <Forbidden role={principal.role} />;
}
