import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { parseJsonBody } from "@/lib/api/parse";
import { watchlistAddBodySchema } from "@/lib/contract/api";
import { DomainError } from "@/lib/errors/domain-error";
import { services } from "@/lib/server/container";

// GET /api/watchlist - the team's shared watchlist.
export const GET = withApi("watchlist", async () => {
  return json(await services().watchlist.list());
});

// POST /api/watchlist {"roomId"} - put a room on the watchlist (recorded from now on); idempotent.
export const POST = withApi("watchlist-add", async ({ req, audit }) => {
  const { roomId } = await parseJsonBody(watchlistAddBodySchema, req, () => new DomainError("invalid_room_id", { reason: "body" }));
  audit.roomId = roomId;
  const body = await services().watchlist.add(roomId);
  return json(body, { status: 201 });
});
