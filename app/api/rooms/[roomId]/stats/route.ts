import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/stats - the six live totals of one room, through the shared budget and cache.
export const GET = withApi<{ roomId: string }>("room-stats", async ({ params }) => {
  const body = await services().lookup.stats(params.roomId);
  return Response.json(body, { headers: { "cache-control": "no-store" } });
});
