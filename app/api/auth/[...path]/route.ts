import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/auth/callback/oidc - the identity provider's redirect back after single sign-on. No other
// Better Auth endpoint is reachable: signing in and out, users and tokens have routes of their own.
export const GET = withApi<{ path: string }>("auth-callback", async ({ req, audit }) => {
  const { response, principal } = await services().session.ssoCallback(req);
  if (principal) {
    audit.principal = principal;
    audit.detail = { method: "sso" };
  }
  return response;
});
