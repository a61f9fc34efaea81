import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/health - liveness, and the credential's last known state from real traffic (never probes Tencent).
export const GET = withApi("health", async () => {
  return json(services().health.health());
});
