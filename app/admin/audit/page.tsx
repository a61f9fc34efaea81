import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditPanel } from "@/components/admin/audit-panel";
import { Forbidden } from "@/components/auth/forbidden";
import { pageAccess } from "@/lib/pages/access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { principal, allowed } = await pageAccess("audit.read");
  if (!allowed) return <Forbidden role={principal.role} />;
  return (
    // The filters live in the URL (useSearchParams needs a boundary).
    <Suspense fallback={<p className="mx-auto max-w-7xl px-4 py-8 text-sm text-zinc-500 sm:px-6">Loading…</p>}>
      <AuditPanel />
    </Suspense>
  );
}
