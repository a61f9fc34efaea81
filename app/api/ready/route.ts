import { json } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/ready - readiness for a load balancer: 503 while a database, Redis (when configured) or
// the credential is failing, so traffic goes to the instances that can serve it.
export const GET = withApi("ready", async () => {
  const ready = await services().health.ready();
  return json(ready, { status: ready.ready ? 200 : 503 });
});
