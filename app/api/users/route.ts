import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { userCreateBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// GET /api/users - every account, with role, status and how it signs in.
export const GET = withApi("users", async () => {
  return json(await services().admin.listUsers());
});

// POST /api/users {"email","name","role","password"?} - create a password account; a generated password is in the answer, once.
export const POST = withApi("user-create", async ({ req, audit }) => {
  const input = await parseJsonBody(userCreateBodySchema, req);
  const created = await services().admin.createUser(input);
  audit.detail = { user: created.user.email, role: created.user.role };
  return json(created, { status: 201 });
});
