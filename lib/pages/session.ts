import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { PATH_HEADER, signInRedirect } from "@/lib/auth/page-paths";
import type { Principal } from "@/lib/auth/principal";
import type { SessionResponse } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// The signed-in user of a page render, asked of the same authenticate() the API's wrapper asks, so
// a page and its API calls never disagree about who is signed in. Once per request (React cache).

export const currentPrincipal = cache(async (): Promise<Principal | null> => {
  const request = new Request("http://page.invalid/", { headers: await headers() });
  try {
    return (await services().access.authenticate(request))?.principal ?? null;
  } catch {
    // An expired or revoked session reads as no session: the page sends the browser to sign in.
    return null;
  }
});

/** The signed-in user, or a redirect to the sign-in page that returns here afterwards. */
export async function requirePrincipal(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (!principal) redirect(signInRedirect((await headers()).get(PATH_HEADER) ?? "/"));
  return principal;
}

/** What the pages' client side knows of the session: who, and what the role may do. */
export async function currentSession(): Promise<SessionResponse | null> {
  const principal = await currentPrincipal();
  return principal ? services().session.describe(principal) : null;
}
