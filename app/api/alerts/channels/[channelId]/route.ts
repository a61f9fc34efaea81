import { json } from "@/lib/api/answer";
import { invalidAlertBody } from "@/lib/api/alert-body";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { alertChannelPatchSchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// PATCH /api/alerts/channels/{channelId} {name, kind, url?, secret?} - change a channel; a URL or secret left out is kept.
export const PATCH = withApi<{ channelId: string }>("alert-channel-update", async ({ req, params, audit }) => {
  audit.detail = { channel: params.channelId };
  const input = await parseJsonBody(alertChannelPatchSchema, req, invalidAlertBody);
  const channel = await services().alerts.updateChannel(params.channelId, input);
  audit.detail = { channel: channel.id, name: channel.name, kind: channel.kind, urlChanged: input.url !== undefined, secretChanged: input.secret !== undefined };
  return json(channel);
});

// DELETE /api/alerts/channels/{channelId} - remove a channel; rules naming it stop sending there.
export const DELETE = withApi<{ channelId: string }>("alert-channel-delete", async ({ params, audit }) => {
  audit.detail = { channel: params.channelId };
  const channel = await services().alerts.deleteChannel(params.channelId);
  audit.detail = { channel: channel.id, name: channel.name, kind: channel.kind };
  return new Response(null, { status: 204 });
});
