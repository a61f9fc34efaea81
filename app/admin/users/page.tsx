import type { Metadata } from "next";
import { UsersPanel } from "@/components/admin/users-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { principal, allowed } = await pageAccess("users.manage");
  return allowed ? <UsersPanel selfId={principal.id} /> : <Forbidden role={principal.role} />;
}
