import { text } from "@/lib/api/answer";
import { withApi } from "@/lib/api/handler";
import { services } from "@/lib/server/container";

// GET /api/metrics - Prometheus's text format, for a scraper with an admin's API token.
export const GET = withApi("metrics", async () => {
  const { metrics } = services();
  return text(await metrics.text(), metrics.contentType);
});
