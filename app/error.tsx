"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";

// Last line of defence for a bug in a page. Data errors are handled where they happen (the room
// page keeps its last figures); this only shows when rendering itself failed.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations("errorPage");
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
      <PageHeader
        role="alert"
        size="hero"
        title={t("title")}
        description={
          digest
            ? t.rich("descriptionWithDigest", { digest, code: (chunks) => <code className="font-mono select-all">{chunks}</code> })
            : t("description")
        }
      />
      <div className="mt-6 flex gap-2">
        <Button variant="primary" onClick={retry}>
          {t("retry")}
        </Button>
        <Link href="/" className={buttonClasses("secondary")}>
          {t("home")}
        </Link>
      </div>
    </main>
  );
}
