import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { alertHistoryQuerySchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/history?ruleId=&roomId=&before=&limit= - state changes, newest first; `next` pages back.
export const GET = withApi("alerts-history", async ({ req }) => json(await services().alerts.history(parseQuery(alertHistoryQuerySchema, req))));
