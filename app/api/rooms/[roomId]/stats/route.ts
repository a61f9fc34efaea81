import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/stats - the six live totals of one room, through the shared budget and cache.
export const GET = withApi<{ roomId: string }>("room-stats", async ({ params, audit }) => {
  audit.roomId = params.roomId;
  const body = await services().lookup.stats(params.roomId);
  audit.requestId = body.requestId;
  return json(body);
});
