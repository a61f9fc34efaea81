// Production entry (`npm start`): Next's own server, plus a direct lane for the one endpoint that
// every open room page polls, GET /api/rooms/{roomId}/stats.
//
// Why: on Node 20 Next spends about 2.5 ms of CPU on every request before a route handler runs (web
// streams around both bodies, request conversion, async context), which caps the console at ~500
// lookups/s per core (bench/README.md). The lane calls the very same route handler, registered by
// instrumentation.ts, so withApi, the service, the budget and the cache are the ones Next's route
// uses; only Next's routing pipeline is skipped. Everything else goes through Next as usual, and
// under `next dev` so does this endpoint.
import { createServer } from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
// Not HOSTNAME: container runtimes set that to the container's name.
const hostname = process.env.HOST || undefined;
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const DIRECT_ROUTES = Symbol.for("roomscope.directRoutes");
const ROOM_STATS = /^\/api\/rooms\/([^/]+)\/stats$/;

function send(res, status, headers, body) {
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function roomStats(req, res, segment, handler) {
  let roomId;
  try {
    roomId = decodeURIComponent(segment);
  } catch {
    const error = { code: "invalid_room_id", message: "The RoomId in the URL is not valid percent-encoding." };
    return send(res, 400, { "content-type": "application/json", "cache-control": "no-store" }, JSON.stringify({ error }));
  }
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { headers });
  const response = await handler(request, { params: Promise.resolve({ roomId }) });
  send(res, response.status, Object.fromEntries(response.headers), await response.text());
}

createServer((req, res) => {
  const path = req.url.split("?", 1)[0];
  // Registered by instrumentation.ts, which Next does not wait for: until then, Next serves.
  const direct = globalThis[DIRECT_ROUTES];
  const match = direct && req.method === "GET" ? ROOM_STATS.exec(path) : null;
  const served = match ? roomStats(req, res, match[1], direct.roomStats) : handle(req, res);
  served.catch((error) => {
    // withApi answers every failure of the handler itself; this is for the lane's own plumbing.
    console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "request failed", path, error: String(error?.name) }));
    if (!res.headersSent) send(res, 500, { "content-type": "application/json" }, JSON.stringify({ error: { code: "internal_error", message: "Something went wrong in the console." } }));
    else res.end();
  });
}).listen(port, hostname, () => {
  console.log(`> Roomscope listening on http://${hostname ?? "localhost"}:${port}`);
});
