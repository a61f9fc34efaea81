import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { tokenCreateBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// GET /api/tokens - the live API tokens (never the tokens themselves).
export const GET = withApi("tokens", async () => {
  return json(await services().admin.listTokens());
});

// POST /api/tokens {"name","role","expiresInDays"?} - a new token; the token is in this answer only.
export const POST = withApi("token-create", async ({ req, principal, audit }) => {
  const input = await parseJsonBody(tokenCreateBodySchema, req);
  const created = await services().admin.createToken(input, principal!);
  audit.detail = { token: created.record.name, role: created.record.role, expiresAt: created.record.expiresAt };
  return json(created, { status: 201 });
});
