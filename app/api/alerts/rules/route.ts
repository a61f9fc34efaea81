import { json } from "@/lib/api/answer";
import { invalidAlertBody } from "@/lib/api/alert-body";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { alertRuleInputSchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/rules - every alert rule.
export const GET = withApi("alert-rules", async () => json(await services().alerts.rules()));

// POST /api/alerts/rules {name, scope, condition, pendingMs?, language?, channelIds?, enabled?} - add a rule.
export const POST = withApi("alert-rule-create", async ({ req, audit }) => {
  const input = await parseJsonBody(alertRuleInputSchema, req, invalidAlertBody);
  const rule = await services().alerts.createRule(input);
  audit.roomId = rule.scope.kind === "room" ? rule.scope.roomId : undefined;
  audit.detail = { rule: rule.id, name: rule.name, condition: rule.condition.kind };
  return json(rule, { status: 201 });
});
