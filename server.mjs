// Production entry (`npm start`): Next's own server, plus a direct lane for the one endpoint that
// every open room page polls, GET /api/rooms/{roomId}/stats.
//
// Why: on Node 20 Next spends about 2.5 ms of CPU on every request before a route handler runs (web
// streams around both bodies, request conversion, async context), which caps the console at ~500
// lookups/s per core (bench/README.md). The lane calls the very same route handler, registered by
// instrumentation.ts through lib/api/direct-lane.mjs, so withApi, the services, the budget and the
// cache are the ones Next's route uses, and every answer (a malformed RoomId included) comes from the
// handler in the one error shape; only Next's routing pipeline is skipped. Everything else goes
// through Next as usual, and under `next dev` so does this endpoint.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { deflateSync, gzipSync } from "node:zlib";
import Negotiator from "negotiator";
import next from "next";
import { claimShutdown, matchLaneRoute, registeredLane } from "./lib/api/direct-lane.mjs";

claimShutdown();
// In the standalone folder (`output: "standalone"`) there is no next.config.mjs to load: the build
// left the resolved configuration beside the server files, and Next's own standalone server passes
// it on the same way.
if (!existsSync("next.config.mjs") && existsSync(".next/required-server-files.json")) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(JSON.parse(readFileSync(".next/required-server-files.json", "utf8")).config);
}

const port = Number(process.env.PORT || 3000);
// Not HOSTNAME: container runtimes set that to the container's name.
const hostname = process.env.HOST || undefined;
const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// Next compresses its answers for clients that accept it, choosing the encoding as its compression
// middleware does (gzip first, then deflate); e2e/direct-lane.spec.ts holds the lane to the same. A
// 300-byte body compresses in microseconds; clients that ask for nothing (most API clients) skip it.
const COMPRESS = { gzip: gzipSync, deflate: deflateSync };

function encodingFor(req) {
  const negotiator = new Negotiator(req);
  const encoding = negotiator.encoding(["gzip", "deflate", "identity"]);
  // As Next's `compression` does: a client that takes both gets gzip.
  return encoding === "deflate" && negotiator.encoding(["gzip"]) ? negotiator.encoding(["gzip", "identity"]) : encoding;
}

function send(req, res, status, headers, body) {
  const encoding = req.headers["accept-encoding"] && body.length > 0 ? encodingFor(req) : undefined;
  if (encoding === "gzip" || encoding === "deflate") {
    const payload = COMPRESS[encoding](body);
    res.writeHead(status, { ...headers, "content-encoding": encoding, vary: "Accept-Encoding", "content-length": payload.length });
    return res.end(payload);
  }
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/** Writes an answer of the handlers' (lib/api/answer.ts): a JSON body is already text. */
async function reply(req, res, answer) {
  const body = typeof answer.body === "string" ? answer.body : answer.body === null ? "" : await new Response(answer.body).text();
  send(req, res, answer.status, answer.cookies.length > 0 ? { ...answer.headers, "set-cookie": answer.cookies } : answer.headers, body);
}

// The client's address for the sign-in throttle and the audit log, from the socket: a copy sent by
// the client is dropped (lib/auth/client-address.ts; TRUST_PROXY believes a proxy's X-Forwarded-For).
const CLIENT_ADDRESS = "x-roomscope-client-address";

async function viaLane(req, res, lane, route) {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== CLIENT_ADDRESS) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  headers.set(CLIENT_ADDRESS, req.headers[CLIENT_ADDRESS]);
  const request = new Request(`http://${req.headers.host ?? "localhost"}${req.url}`, { headers });
  await reply(req, res, await lane.serve(route.name, request, route.rawParams));
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
// A host name, IPv4 address or [IPv6] literal, and an optional port (RFC 3986 §3.2.2).
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

/**
 * A request no route should see, answered in the API's error shape: an unknown method (TRACE), a
 * target that is not a path (`GET *`), a malformed Host (Next and the lane would build a URL from
 * it and fail with a 500), an API path no route has, or a method the path does not take.
 */
function refusal(req, lane, path, laneRoute) {
  if (!METHODS.has(req.method)) return lane.reject({ code: "method_not_allowed", method: req.method, allow: [...METHODS] }, req.headers);
  if (!req.url.startsWith("/")) return lane.reject({ code: "invalid_request" }, req.headers);
  const host = req.headers.host;
  const match = host === undefined ? null : HOST.exec(host);
  if (!match || (match[1] !== undefined && Number(match[1]) > 65535)) return lane.reject({ code: "invalid_request", reason: "host" }, req.headers);
  // Pages and assets are only ever read (this console has no server actions).
  if (path !== "/api" && !path.startsWith("/api/")) {
    return req.method === "GET" || req.method === "HEAD" ? null : lane.reject({ code: "method_not_allowed", method: req.method, allow: ["GET", "HEAD"] }, req.headers);
  }
  // `..` or `%2E%2E` would be resolved as a path step before any route saw it.
  if (path.split("/").some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) return lane.reject({ code: "invalid_request", reason: "dot_segment" }, req.headers);
  // The lane's own route is a known path and method: no need to scan the route table for it.
  if (laneRoute) return null;
  const methods = lane.methodsFor(path);
  if (methods === null) return lane.reject({ code: "not_found" }, req.headers);
  if (req.method === "OPTIONS") return { status: 204, headers: { allow: methods.join(", ") }, cookies: [], body: null };
  if (!methods.includes(req.method)) return lane.reject({ code: "method_not_allowed", method: req.method, allow: methods }, req.headers);
  return null;
}

let stopping = false;
const server = createServer((req, res) => {
  // Once stopping, a request that came over a connection kept alive is still answered, but its
  // connection closes after the answer: the client's next request then goes to another instance.
  if (stopping) res.setHeader("connection", "close");
  const path = req.url.split("?", 1)[0];
  req.headers[CLIENT_ADDRESS] = req.socket.remoteAddress ?? "";
  // Registered by instrumentation.ts, which Next does not wait for: until then, Next serves.
  const lane = registeredLane();
  const route = lane ? matchLaneRoute(req.method, path) : null;
  const refused = lane ? refusal(req, lane, path, route) : null;
  if (refused) {
    reply(req, res, refused).catch(() => res.end());
    return;
  }
  const served = route ? viaLane(req, res, lane, route) : handle(req, res);
  served.catch((error) => {
    // withApi answers every failure of the handler itself; this is for the lane's own plumbing,
    // still answered in the one error shape.
    console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "request failed", path, error: String(error?.name) }));
    if (res.headersSent) return res.end();
    // Before instrumentation.ts registered the lane there is no error table to ask; say it plainly.
    const failed = lane?.internalError() ?? {
      status: 500,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
      cookies: [],
      body: JSON.stringify({ error: { code: "internal_error", message: "The console is still starting. Try again." } }),
    };
    reply(req, res, failed).catch(() => res.end());
  });
});
server.listen(port, hostname, () => {
  console.log(`> Roomscope listening on http://${hostname ?? "localhost"}:${port}`);
});

// SIGTERM (a deployment, a scale-down): stop taking connections, let the requests in flight finish
// (at most DRAIN_MS; keep-alive connections close after their current answer), then stop the
// services: the recorder stops, its leases go back to the fleet, queued samples and audit entries
// are written, the databases closed.
const DRAIN_MS = 10_000;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "roomscope stopping", signal }));
    const drained = new Promise((resolve) => server.close(resolve));
    server.closeIdleConnections();
    const deadline = new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref());
    Promise.race([drained, deadline])
      .then(() => {
        server.closeAllConnections();
        return registeredLane()?.stop();
      })
      .catch((error) => console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), msg: "stopping failed", error: String(error?.message) })))
      .finally(() => process.exit(0));
  });
}
