import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { reportQuerySchema } from "@/lib/contract/api";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/report?rateWindow= - the post-stream report's figures from every recorded sample (peaks over the rate window), and the series its charts draw.
export const GET = withApi<{ roomId: string }>("room-report", async ({ req, params }) => {
  const body = await services().history.report(params.roomId, parseQuery(reportQuerySchema, req));
  return json(body);
});
