import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";
import { requestLocale } from "@/lib/i18n/negotiate";

// POST /api/alerts/channels/{channelId}/test - send a test message now, in the caller's language;
// answers {ok} or {ok: false, error} with the failure's code (never the URL).
export const POST = withApi<{ channelId: string }>("alert-channel-test", async ({ req, params, audit }) => {
  audit.detail = { channel: params.channelId };
  const { channel, answer } = await services().alerts.testChannel(params.channelId, requestLocale((name) => req.headers.get(name)));
  audit.detail = { channel: channel.id, name: channel.name, kind: channel.kind, ok: answer.ok, ...(!answer.ok && { error: answer.error }) };
  return json(answer);
});
