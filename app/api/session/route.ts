import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { signInBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// GET /api/session - who is signed in (a user or a token) and what their role may do.
export const GET = withApi("session", async ({ principal }) => {
  return json(services().session.describe(principal!));
});

// POST /api/session {"email","password"} - sign in with a password; sets the session cookie.
export const POST = withApi("session-sign-in", async ({ req, audit, address }) => {
  const credentials = await parseJsonBody(signInBodySchema, req);
  audit.actor = credentials.email.trim().toLowerCase();
  const { principal, setCookies } = await services().session.signIn(req, credentials, address);
  audit.principal = principal;
  audit.detail = { method: "password" };
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return Response.json(services().session.describe(principal), { headers });
});

// DELETE /api/session - sign out: the session ends on the server and its cookie is cleared.
export const DELETE = withApi("session-sign-out", async ({ req }) => {
  const headers = new Headers();
  for (const cookie of await services().session.signOut(req)) headers.append("set-cookie", cookie);
  return new Response(null, { status: 204, headers });
});
