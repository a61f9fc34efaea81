import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/health - liveness, and the credential's last known state from real traffic (never probes Tencent).
export const GET = withApi("health", async () => {
  return Response.json(services().health.health(), { headers: { "cache-control": "no-store" } });
});
