"use client";

import { isServer, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import type { SessionResponse } from "@/lib/contract/access";
import type { Locale } from "@/lib/format";
import { LocaleContext } from "@/lib/hooks/use-locale";
import { SessionContext } from "@/lib/hooks/use-session";
import { shouldRetry } from "@/lib/queries/api-client";

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Above zero so hydration and remounts do not refetch what was just fetched; queries that
        // need tighter freshness (room stats) set their own.
        staleTime: 30_000,
        retry: (failureCount, error) => shouldRetry(failureCount, error),
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient() {
  // A fresh client per server render keeps users' data apart; the browser keeps one for the
  // session so navigating between rooms keeps the cache.
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ locale, timeZone, session, children }: { locale: Locale; timeZone: string; session: SessionResponse | null; children: ReactNode }) {
  const formatting = useMemo(() => ({ locale, timeZone }), [locale, timeZone]);
  return (
    <LocaleContext value={formatting}>
      <SessionContext value={session}>
        <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>
      </SessionContext>
    </LocaleContext>
  );
}
