import { useTranslations } from "next-intl";
import type { Role } from "@/lib/contract/roles";
import { PageHeader } from "@/components/ui/page-header";

/** What a signed-in user sees on a page their role may not open (the API refuses it too). */
export function Forbidden({ role }: { role: Role }) {
  const t = useTranslations("forbidden");
  const roles = useTranslations("common.roles");
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-10 sm:px-6 sm:py-16">
      <PageHeader size="hero" title={t("title")} description={t("description", { role: roles(role) })} />
    </main>
  );
}
