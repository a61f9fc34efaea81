// An API answer as withApi builds it, before it becomes a Response (for Next) or bytes on the socket
// (for server.mjs's direct lane). A Response wraps even a short JSON body in a web stream, which the
// lane would then read back just to write it to node:http: on the polled lookup that round trip was
// a fifth of the lane's CPU (bench/README.md). So JSON handlers return json(...), and only Next's
// side makes a Response of it.

export interface ApiAnswer {
  status: number;
  /** Lower-case names; Set-Cookie values are in `cookies`. */
  headers: Record<string, string>;
  cookies: string[];
  /** A JSON body as text, a Response's own body (a stream), or none. */
  body: string | ReadableStream<Uint8Array> | null;
}

/** A JSON answer; withApi adds the headers every API answer carries (no-store among them). */
export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): ApiAnswer {
  return {
    status: init.status ?? 200,
    headers: { "content-type": "application/json", ...init.headers },
    cookies: [],
    body: JSON.stringify(data),
  };
}

/** A text answer of the given media type (Prometheus metrics, say). */
export function text(body: string, contentType: string, init: { status?: number } = {}): ApiAnswer {
  return { status: init.status ?? 200, headers: { "content-type": contentType }, cookies: [], body };
}

export function isApiAnswer(value: Response | ApiAnswer): value is ApiAnswer {
  return !(value instanceof Response);
}

/** A handler's own Response (a CSV, a redirect, a 204 that sets cookies) as an answer. */
export function fromResponse(response: Response): ApiAnswer {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  return { status: response.status, headers, cookies: response.headers.getSetCookie(), body: response.body };
}

export function toResponse(answer: ApiAnswer): Response {
  const headers = new Headers(answer.headers);
  for (const cookie of answer.cookies) headers.append("set-cookie", cookie);
  return new Response(answer.body, { status: answer.status, headers });
}
