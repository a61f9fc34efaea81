import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { currentAlertsQuerySchema } from "@/lib/contract/alerts";
import { services } from "@/lib/server/container";

// GET /api/alerts/current?roomId= - the alerts firing, pending or without data now (one room's with roomId); a
// role that reads watched rooms only sees theirs.
export const GET = withApi("alerts-current", async ({ req, principal }) => {
  const { roomId } = parseQuery(currentAlertsQuerySchema, req);
  return json(await services().alerts.current(principal!.role, roomId));
});
