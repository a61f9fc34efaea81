import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { historyQuerySchema } from "@/lib/contract/api";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/history.csv?from=&to= - every raw sample in the range, for spreadsheets.
export const GET = withApi<{ roomId: string }>("room-history-csv", async ({ req, params }) => {
  const roomId = params.roomId;
  const csv = await services().history.csv(roomId, parseQuery(historyQuerySchema, req));
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
