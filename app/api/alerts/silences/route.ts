import { json } from "@/lib/api/answer";
import { invalidAlertBody } from "@/lib/api/alert-body";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { silenceInputSchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/silences - the silences not yet over.
export const GET = withApi("alert-silences", async () => json(await services().alerts.silences()));

// POST /api/alerts/silences {roomId, ruleId?, startsAt, endsAt, comment?} - silence a room's notifications for a time.
export const POST = withApi("alert-silence-create", async ({ req, audit, principal }) => {
  const input = await parseJsonBody(silenceInputSchema, req, invalidAlertBody);
  const silence = await services().alerts.createSilence(input, principal?.label ?? null);
  audit.roomId = silence.roomId;
  audit.detail = { silence: silence.id, rule: silence.ruleId, startsAt: silence.startsAt, endsAt: silence.endsAt };
  return json(silence, { status: 201 });
});
