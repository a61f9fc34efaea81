import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { alertHistoryQuerySchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/history?ruleId=&roomId=&before=&limit= - state changes, newest first; `next` pages back.
// A role that reads watched rooms only sees theirs.
export const GET = withApi("alerts-history", async ({ req, principal }) => json(await services().alerts.history(principal!.role, parseQuery(alertHistoryQuerySchema, req))));
