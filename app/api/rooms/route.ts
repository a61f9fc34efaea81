import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { watchlistOverview } from "@/lib/history/overview";
import { roomStatsService } from "@/lib/rooms/stats-service";

// GET /api/rooms?watchlist=1 - the watchlist overview page in one request, from stored samples.
export const GET = withApi("rooms-overview", async ({ req }) => {
  if (new URL(req.url).searchParams.get("watchlist") !== "1") {
    throw new ApiError(400, "invalid_query", "Ask for the watchlist overview with ?watchlist=1.");
  }
  const service = roomStatsService();
  const rooms = await watchlistOverview(service.store, service.recorder);
  return Response.json({ rooms }, { headers: { "cache-control": "no-store" } });
});
