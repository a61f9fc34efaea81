import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonText } from "@/lib/api/parse";
import { services } from "@/lib/server/container";

// POST /api/tencent/callback - Tencent's live-room callbacks (create and destroy), verified by their
// Sign before the body is read, and answered as Tencent expects. Off (404) without
// TENCENT_CALLBACK_TOKEN.
export const POST = withApi("tencent-callback", async ({ req }) => {
  const callbacks = services().callbacks;
  const command = callbacks.verify(req);
  const schema = callbacks.bodySchema(command);
  const body = schema ? await parseJsonText(schema, req) : null;
  return json(await callbacks.handle(command, body));
});
