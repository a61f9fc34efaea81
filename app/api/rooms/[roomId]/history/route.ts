import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { historyQuerySchema } from "@/lib/contract/api";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/history?from=&to=&points=&rateWindow= - recorded totals and per-minute rates over the window, downsampled keeping peaks.
export const GET = withApi<{ roomId: string }>("room-history", async ({ req, params }) => {
  const body = await services().history.history(params.roomId, parseQuery(historyQuerySchema, req));
  return json(body);
});
