import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// DELETE /api/tokens/{name} - revoke the live token of that name; refused from the next request on.
export const DELETE = withApi<{ name: string }>("token-revoke", async ({ params, audit }) => {
  audit.detail = { token: params.name };
  await services().admin.revokeToken(params.name);
  return new Response(null, { status: 204 });
});
