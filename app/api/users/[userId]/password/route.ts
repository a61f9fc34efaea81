import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { passwordResetBodySchema } from "@/lib/contract/access";
import { services } from "@/lib/server/container";

// POST /api/users/{userId}/password {"password"?} - set a new password (or generate one, in the answer once) and end the account's sessions.
export const POST = withApi<{ userId: string }>("user-password", async ({ req, params, audit }) => {
  const { password } = await parseJsonBody(passwordResetBodySchema, req);
  const body = await services().admin.resetPassword(params.userId, password);
  audit.detail = { userId: params.userId };
  return json(body);
});
