import { json } from "@/lib/api/answer";
import { invalidAlertBody } from "@/lib/api/alert-body";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { alertChannelInputSchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/channels - every notification channel, masked (the URL's host, whether a secret is set).
export const GET = withApi("alert-channels", async () => json(await services().alerts.channels()));

// POST /api/alerts/channels {name, kind, url, secret?} - add a channel.
export const POST = withApi("alert-channel-create", async ({ req, audit }) => {
  const input = await parseJsonBody(alertChannelInputSchema, req, invalidAlertBody);
  const channel = await services().alerts.createChannel(input);
  audit.detail = { channel: channel.id, name: channel.name, kind: channel.kind };
  return json(channel, { status: 201 });
});
