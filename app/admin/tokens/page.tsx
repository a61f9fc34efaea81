import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.tokens");
  return { title: t("title") };
}

export default async function TokensPage() {
  const { principal, allowed } = await pageAccess("tokens.manage");
  return allowed ? <TokensPanel /> : <Forbidden role={principal.role} />;
}
