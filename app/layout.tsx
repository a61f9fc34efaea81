import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { CredentialBanner } from "@/components/shell/credential-banner";
import { StorageBanner } from "@/components/shell/storage-banner";
import { SiteHeader } from "@/components/shell/site-header";
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

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <Providers>
          <SiteHeader />
          <CredentialBanner />
          <StorageBanner />
          {children}
        </Providers>
      </body>
    </html>
  );
}
