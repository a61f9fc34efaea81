import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { CredentialBanner } from "@/components/shell/credential-banner";
import { StorageBanner } from "@/components/shell/storage-banner";
import { SiteHeader } from "@/components/shell/site-header";
import { currentSession } from "@/lib/pages/session";
import { localeFromAcceptLanguage } from "@/lib/format";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Roomscope", template: "%s · Roomscope" },
  description: "Operations console for Tencent Cloud live-streaming rooms",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Decided here, once per request, for the server's render and the browser's alike. The page's
  // language stays "en": only number and date formatting follow the reader so far.
  const locale = localeFromAcceptLanguage((await headers()).get("accept-language"));
  // Who is signed in, for showing only what their role may do; each page asks again for itself
  // (a layout is not rendered again on every navigation).
  const session = await currentSession();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <Providers locale={locale} session={session}>
          <SiteHeader />
          {session ? (
            <>
              <CredentialBanner />
              <StorageBanner />
            </>
          ) : null}
          {children}
        </Providers>
      </body>
    </html>
  );
}
