// The contract between server.mjs's direct lane and the route handlers it calls, in one place: which
// requests the lane may take, and where it finds their handlers. Plain JavaScript because server.mjs
// runs without a bundler; the TypeScript side (lib/api/direct-routes.ts, run by instrumentation.ts)
// registers the handlers. Next bundles instrumentation.ts apart from the code server.mjs loads, so
// the registry lives under one process-wide symbol, spelled here only.

const REGISTRY = Symbol.for("roomscope.directLane");
const SHUTDOWN = Symbol.for("roomscope.serverShutdown");

/** The routes the lane takes: the endpoint every open room page polls. */
export const LANE_ROUTES = [{ name: "room-stats", method: "GET", pattern: /^\/api\/rooms\/([^/]+)\/stats$/, params: ["roomId"] }];

/**
 * The lane route for a request, with its dynamic segments still percent-encoded (the registered
 * entry decodes them, by the same rule as Next's own route), or null for everything else.
 */
export function matchLaneRoute(method, path) {
  for (const route of LANE_ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { name: route.name, rawParams: Object.fromEntries(route.params.map((name, i) => [name, match[i + 1]])) };
  }
  return null;
}

/**
 * Decodes a path segment exactly once (Next hands handlers decoded segments), or returns null when
 * it is not valid percent-encoding (`%ZZ`, or bytes that are not UTF-8 such as `%ED%A0%80`).
 */
export function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function registerLane(entry) {
  globalThis[REGISTRY] = entry;
}

/** The registered entry, or undefined until instrumentation.ts has run (Next serves until then). */
export function registeredLane() {
  return globalThis[REGISTRY];
}

/**
 * server.mjs stops the process itself on SIGTERM (no new connections, the ones in flight answered,
 * then the services' stop); lib/startup.ts handles the signal only where it does not (`next dev`,
 * `next start`).
 */
export function claimShutdown() {
  globalThis[SHUTDOWN] = true;
}

export function shutdownClaimed() {
  return globalThis[SHUTDOWN] === true;
}
