// A route handler behind a real HTTP port, for callers that only speak HTTP (the stand-in's
// callbacks). Requests wait at a gate until the test has configured the console, as a server that
// is still starting would hold its socket.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function serveRoute(handler: Handler) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const server = createServer((req, res) => {
    void (async () => {
      const body = await bodyOf(req);
      await gate;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const request = new Request(`http://console.test${req.url ?? "/"}`, { method: req.method, headers, body: req.method === "GET" ? undefined : new Uint8Array(body) });
      const answer = await handler(request, { params: Promise.resolve({}) });
      const text = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      res.end(text);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    /** Lets the held requests through, and every later one. */
    open: () => open(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
