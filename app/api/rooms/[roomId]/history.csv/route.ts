import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import { historyCsvQuerySchema } from "@/lib/contract/api";
import { requestLocale } from "@/lib/i18n/negotiate";
import { services } from "@/lib/server/container";

// GET /api/rooms/{roomId}/history.csv?from=&to=&header= - every raw sample in the range, for
// spreadsheets: readable column headers in the request's language, or machine names with
// ?header=names.
export const GET = withApi<{ roomId: string }>("room-history-csv", async ({ req, params }) => {
  const roomId = params.roomId;
  const query = parseQuery(historyCsvQuerySchema, req);
  const csv = await services().history.csv(roomId, query, query.header, requestLocale((name) => req.headers.get(name)));
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
