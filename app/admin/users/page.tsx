import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UsersPanel } from "@/components/admin/users-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const { principal, allowed } = await pageAccess("users.manage");
  return allowed ? <UsersPanel selfId={principal.id} /> : <Forbidden role={principal.role} />;
}
