import { withApi } from "@/lib/api/handler";
import { requireRoomId } from "@/lib/history/history-service";
import { roomStatsService } from "@/lib/rooms/stats-service";

// DELETE /api/watchlist/{roomId} - take a room off the watchlist; its history stays.
export const DELETE = withApi<{ roomId: string }>("watchlist-remove", async ({ params }) => {
  await roomStatsService().store.unwatch(requireRoomId(params.roomId));
  return new Response(null, { status: 204 });
});
