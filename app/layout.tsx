import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import { CredentialBanner } from "@/components/shell/credential-banner";
import { StorageBanner } from "@/components/shell/storage-banner";
import { PageChrome } from "@/components/shell/page-chrome";
import { SiteHeader } from "@/components/shell/site-header";
import { ShortcutsProvider } from "@/components/shortcuts/shortcuts-provider";
import { TimeZoneSync } from "@/components/shell/time-zone-sync";
import { currentReader } from "@/lib/i18n/request";
import { currentSession } from "@/lib/pages/session";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell");
  return {
    title: { default: "Roomscope", template: "%s · Roomscope" },
    description: t("description"),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Decided here, once per request, for the server's render and the browser's alike: the language
  // (with its messages, through NextIntlClientProvider), the locale numbers and dates follow, and
  // the time zone.
  const reader = await currentReader();
  // Who is signed in, for showing only what their role may do; each page asks again for itself
  // (a layout is not rendered again on every navigation).
  const session = await currentSession();
  const chrome = (
    <>
      <SiteHeader />
      {session ? (
        <>
          <CredentialBanner />
          <StorageBanner />
        </>
      ) : null}
    </>
  );
  return (
    <html lang={reader.locale}>
      <body className="min-h-dvh font-sans">
        <NextIntlClientProvider>
          <Providers locale={reader.formatLocale} timeZone={reader.timeZone} session={session}>
            <ShortcutsProvider>
              <TimeZoneSync />
              {/* The search parameters (?kiosk=1 hides the chrome) need a boundary; until they are
                  read the chrome shows, as on every page but a wall. */}
              <Suspense fallback={chrome}>
                <PageChrome>{chrome}</PageChrome>
              </Suspense>
              {children}
            </ShortcutsProvider>
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
