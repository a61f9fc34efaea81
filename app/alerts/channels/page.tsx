import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChannelsPanel } from "@/components/alerts/channels-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts.channels");
  return { title: t("title") };
}

export default async function Page() {
  const { principal, allowed } = await pageAccess("alerts.read");
  return allowed ? <ChannelsPanel /> : <Forbidden role={principal.role} />;
}
