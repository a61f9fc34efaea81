import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseQuery } from "@/lib/api/parse";
import type { OverviewResponse } from "@/lib/contract/api";
import { overviewQuerySchema } from "@/lib/contract/api";
import { services } from "@/lib/server/container";

// GET /api/rooms?watchlist=1&from=&to= - the watchlist overview page in one request, from stored samples.
export const GET = withApi("rooms-overview", async ({ req }) => {
  const body: OverviewResponse = { rooms: await services().watchlist.overview(parseQuery(overviewQuerySchema, req)) };
  return json(body);
});
