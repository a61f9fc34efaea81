import { json } from "@/lib/api/answer";
import { invalidAlertBody } from "@/lib/api/alert-body";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { alertRuleInputSchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/rules/{ruleId} - one rule.
export const GET = withApi<{ ruleId: string }>("alert-rule", async ({ params }) => json(await services().alerts.rule(params.ruleId)));

// PATCH /api/alerts/rules/{ruleId} {the whole rule} - replace a rule's definition; its alerts' states carry on.
export const PATCH = withApi<{ ruleId: string }>("alert-rule-update", async ({ req, params, audit }) => {
  audit.detail = { rule: params.ruleId };
  const input = await parseJsonBody(alertRuleInputSchema, req, invalidAlertBody);
  const rule = await services().alerts.updateRule(params.ruleId, input);
  audit.roomId = rule.scope.kind === "room" ? rule.scope.roomId : undefined;
  audit.detail = { rule: rule.id, name: rule.name, condition: rule.condition.kind, enabled: rule.enabled };
  return json(rule);
});

// DELETE /api/alerts/rules/{ruleId} - remove a rule; its history stays.
export const DELETE = withApi<{ ruleId: string }>("alert-rule-delete", async ({ params, audit }) => {
  audit.detail = { rule: params.ruleId };
  const rule = await services().alerts.deleteRule(params.ruleId);
  audit.detail = { rule: rule.id, name: rule.name };
  return new Response(null, { status: 204 });
});
