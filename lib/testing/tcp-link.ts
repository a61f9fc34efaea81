import { createServer, connect, type Server, type Socket } from "node:net";

/**
 * A TCP hop between clients and a real server (Redis, PostgreSQL) that can be cut and restored: to
 * the clients, a network partition or a stopped server, without stopping the machine's own server
 * that other tests and programs share.
 */
export interface TcpLink {
  /** The hop's address as a URL of `scheme` (redis://127.0.0.1:PORT). */
  url: string;
  port: number;
  /** Drops every connection through it and refuses new ones. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function tcpLink(host: string, port: number, scheme: string): Promise<TcpLink> {
  const sockets = new Set<Socket>();
  let open = true;
  const server: Server = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = connect(port, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: linkPort } = server.address() as { port: number };
  return {
    url: `${scheme}://127.0.0.1:${linkPort}`,
    port: linkPort,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    async close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
