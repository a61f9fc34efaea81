import { withApi } from "@/lib/api/handler";
import { roomStatsService } from "@/lib/rooms/stats-service";

// GET /api/health - liveness, and the credential's last known state from real traffic (never probes Tencent).
export const GET = withApi("health", async () => {
  return Response.json(roomStatsService().health(), { headers: { "cache-control": "no-store" } });
});
