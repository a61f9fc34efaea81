// Runs once when the server starts. The Node-only work lives in lib/ so the edge bundle of this file
// stays free of Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  startServer();
  // The room-stats handler, for server.mjs's direct lane (see there): the same handler, wrapper and
  // service as Next's route, without Next's per-request pipeline around it.
  const { GET } = await import("@/app/api/rooms/[roomId]/stats/route");
  (globalThis as Record<symbol, unknown>)[Symbol.for("roomscope.directRoutes")] = { roomStats: GET };
}
