// Runs once when the server starts. The Node-only work lives in lib/ so the edge bundle of this file
// stays free of Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  await startServer();
  // The handlers server.mjs's direct lane calls (lib/api/direct-lane.mjs): the same handler, wrapper
  // and services as Next's route, without Next's per-request pipeline around it.
  const { registerDirectRoutes } = await import("@/lib/api/direct-routes");
  const { GET: roomStats } = await import("@/app/api/rooms/[roomId]/stats/route");
  const { services } = await import("@/lib/server/container");
  registerDirectRoutes({ "room-stats": roomStats }, () => services().stop());
}
