import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// DELETE /api/watchlist/{roomId} - take a room off the watchlist; its history stays.
export const DELETE = withApi<{ roomId: string }>("watchlist-remove", async ({ params, audit }) => {
  audit.roomId = params.roomId;
  await services().watchlist.remove(params.roomId);
  return new Response(null, { status: 204 });
});
