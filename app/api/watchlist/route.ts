import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/api/handler";
import { requireRoomId } from "@/lib/history/history-service";
import { roomStatsService } from "@/lib/rooms/stats-service";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// GET /api/watchlist - the team's shared watchlist.
export const GET = withApi("watchlist", async () => {
  const rooms = await roomStatsService().store.watchlist();
  return Response.json(
    { rooms: rooms.map((r) => ({ roomId: r.roomId, status: r.status, lastSampleAt: iso(r.lastSampleAt), endedAt: iso(r.endedAt) })) },
    { headers: { "cache-control": "no-store" } },
  );
});

const addSchema = z.object({ roomId: z.string() });

// POST /api/watchlist {"roomId"} - put a room on the watchlist (recorded from now on); idempotent.
export const POST = withApi("watchlist-add", async ({ req }) => {
  const parsed = addSchema.safeParse(await req.json().catch(() => null));
  if (!parsed.success) throw new ApiError(400, "invalid_room_id", 'Send a JSON body such as {"roomId": "live-room"}.');
  const roomId = requireRoomId(parsed.data.roomId.trim());
  const service = roomStatsService();
  await service.store.watch(roomId, Date.now());
  service.recorder.track(roomId);
  return Response.json({ roomId }, { status: 201, headers: { "cache-control": "no-store" } });
});
