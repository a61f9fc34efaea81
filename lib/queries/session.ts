// Signing in and out from the browser.

import { z } from "zod";
import { sessionResponseSchema } from "@/lib/contract/access";
import { sendJson } from "./api-client";

const ssoStartSchema = z.object({ url: z.url() });

export function signIn(email: string, password: string) {
  return sendJson("/api/session", { method: "POST", body: { email, password }, schema: sessionResponseSchema });
}

export function signOut() {
  return sendJson("/api/session", { method: "DELETE" });
}

/** Where the identity provider's sign-in page is; the browser goes there next. */
export function startSso(returnTo: string) {
  return sendJson("/api/session/sso", { method: "POST", body: { returnTo }, schema: ssoStartSchema });
}
