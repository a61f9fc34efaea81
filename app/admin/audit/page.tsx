import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { AuditPanel } from "@/components/admin/audit-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.audit");
  return { title: t("title") };
}

export default async function AuditPage() {
  const { principal, allowed } = await pageAccess("audit.read");
  if (!allowed) return <Forbidden role={principal.role} />;
  const t = await getTranslations("admin");
  return (
    // The filters live in the URL (useSearchParams needs a boundary).
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">{t("loading")}</p>}>
      <AuditPanel />
    </Suspense>
  );
}
