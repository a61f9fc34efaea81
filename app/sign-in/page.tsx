import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { currentPrincipal } from "@/lib/pages/session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { services } from "@/lib/server/container";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const next = safeReturnPath(typeof query.next === "string" ? query.next : null);
  if (await currentPrincipal()) redirect(next);
  const sso = services().access.oidc;
  // A failed single sign-on comes back to `/sign-in?error=sso` with Better Auth's own `error` (and
  // `error_description`) appended, so `error` is then a list.
  const ssoFailed = [query.error].flat().includes("sso");
  const t = await getTranslations("signIn");
  return (
    <main className="mx-auto w-full max-w-md px-4 py-10 sm:px-6 sm:py-16">
      <PageHeader size="hero" title={t("title")} description={t("description")} />
      <Card className="mt-8 p-4 sm:p-6">
        <SignInForm next={next} ssoName={sso?.name ?? null} ssoFailed={ssoFailed} />
      </Card>
    </main>
  );
}
