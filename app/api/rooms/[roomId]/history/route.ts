import { withApi } from "@/lib/api/handler";
import { parseHistoryQuery, requireRoomId, roomHistory } from "@/lib/history/history-service";
import { roomStatsService } from "@/lib/rooms/stats-service";

// GET /api/rooms/{roomId}/history?from=&to=&points= - recorded totals and per-minute rates, downsampled keeping peaks.
export const GET = withApi<{ roomId: string }>("room-history", async ({ req, params }) => {
  const roomId = requireRoomId(params.roomId);
  const body = await roomHistory(roomStatsService().store, roomId, parseHistoryQuery(new URL(req.url)));
  return Response.json(body, { headers: { "cache-control": "no-store" } });
});
