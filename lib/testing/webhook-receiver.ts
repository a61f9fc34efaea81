import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A webhook receiver for tests and the demo: a real HTTP server that records every request it gets
// (path with query, headers, raw body) and answers as it is told: 200 by default, or a failing status
// while a test says the webhook is "down". `answer` sets the body, for the chat tools' JSON answers.

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  /** The base URL, e.g. http://127.0.0.1:43123 (append any path). */
  url: string;
  received: ReceivedRequest[];
  /** Answer every request with this status (null: back to 200). */
  failWith(status: number | null): void;
  /** The body of a 2xx answer (default `{"errcode":0,"code":0}`, which every chat tool reads as taken). */
  answer(body: string): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0, onRequest?: (request: ReceivedRequest) => void): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let failing: number | null = null;
  let okBody = JSON.stringify({ errcode: 0, code: 0, errmsg: "ok" });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(request);
      onRequest?.(request);
      if (failing !== null) {
        res.writeHead(failing, { "content-type": "text/plain" }).end("down");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(okBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    received,
    failWith(status) {
      failing = status;
    },
    answer(body) {
      okBody = body;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
