import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { userUpdateBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// PATCH /api/users/{userId} {"role"?,"disabled"?,"name"?} - change a role, disable or enable; the last admin stays.
export const PATCH = withApi<{ userId: string }>("user-update", async ({ req, params, audit }) => {
  const change = await parseJsonBody(userUpdateBodySchema, req);
  const user = await services().admin.updateUser(params.userId, change);
  audit.detail = { user: user.email, ...(change.role && { role: change.role }), ...(change.disabled !== undefined && { disabled: change.disabled }) };
  return json(user);
});

// DELETE /api/users/{userId} - remove an account and end its sessions; the last admin stays.
export const DELETE = withApi<{ userId: string }>("user-remove", async ({ params, audit }) => {
  const user = await services().admin.removeUser(params.userId);
  audit.detail = { user: user.email };
  return new Response(null, { status: 204 });
});
