import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { ssoStartBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// POST /api/session/sso {"returnTo"} - start single sign-on: the identity provider's URL to go to.
export const POST = withApi("session-sso", async ({ req }) => {
  const { returnTo } = await parseJsonBody(ssoStartBodySchema, req);
  const { url, setCookies } = await services().session.startSso(req, returnTo);
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of setCookies) headers.append("set-cookie", cookie);
  return Response.json({ url }, { headers });
});
