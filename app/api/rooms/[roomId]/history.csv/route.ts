import { withApi } from "@/lib/api/handler";
import { parseHistoryQuery, requireRoomId, roomHistoryCsv } from "@/lib/history/history-service";
import { roomStatsService } from "@/lib/rooms/stats-service";

// GET /api/rooms/{roomId}/history.csv?from=&to= - every raw sample in the range, for spreadsheets.
export const GET = withApi<{ roomId: string }>("room-history-csv", async ({ req, params }) => {
  const roomId = requireRoomId(params.roomId);
  const { from, to } = parseHistoryQuery(new URL(req.url));
  const csv = await roomHistoryCsv(roomStatsService().store, roomId, { from, to });
  // An ASCII fallback name plus the exact one (RFC 6266/5987), since RoomIds can be any UTF-8.
  const ascii = roomId.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="roomscope-${ascii}.csv"; filename*=UTF-8''roomscope-${encodeURIComponent(roomId)}.csv`,
      "cache-control": "no-store",
    },
  });
});
