import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
      <PageHeader size="hero" title={t("title")} description={t("description")} />
      <Link href="/" className={buttonClasses("primary", "md", "mt-6")}>
        {t("home")}
      </Link>
    </main>
  );
}
