import type { Metadata } from "next";
import { TokensPanel } from "@/components/admin/tokens-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { principal, allowed } = await pageAccess("tokens.manage");
  return allowed ? <TokensPanel /> : <Forbidden role={principal.role} />;
}
