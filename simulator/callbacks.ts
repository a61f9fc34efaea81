// The stand-in's half of Tencent's live-room callbacks: when a room starts or ends it POSTs
// Live.CallbackAfterCreateRoom or Live.CallbackAfterDestroyRoom to the configured URL, with the
// query string Tencent's callback pages give ({Url}?SdkAppid=…&CallbackCommand=…&contenttype=json&
// ClientIP=…&OptPlatform=…&Sign=…&RequestTime=…): Sign is the lower-case hex SHA-256 of the token
// immediately followed by RequestTime (Unix seconds). Tencent documents no retries; the stand-in
// retries a failed delivery a few times with back-off, so a console that starts after it (the demo)
// still hears of the rooms that were live. Fault modes: a wrong signature, and a replay (each
// delivery sent twice).

import { createHash } from "node:crypto";

export const CALLBACK_FAULTS = ["none", "wrong_sign", "replay"] as const;
export type CallbackFault = (typeof CALLBACK_FAULTS)[number];

export function isCallbackFault(value: unknown): value is CallbackFault {
  return (CALLBACK_FAULTS as readonly unknown[]).includes(value);
}

export interface CallbackDelivery {
  command: string;
  roomId: string;
  /** The HTTP status of each attempt, or 0 where none answered. */
  statuses: number[];
  /** The receiver's body on the last attempt that answered. */
  answer: string | null;
  fault: CallbackFault;
}

export interface CallbackSenderOptions {
  url: string;
  token: string;
  sdkAppId: number;
  fault?: CallbackFault;
  now?: () => number;
  log?: (line: string) => void;
  /** Waits before each retry, in ms. */
  retryDelaysMs?: readonly number[];
}

export function callbackSign(token: string, requestTime: string): string {
  return createHash("sha256").update(`${token}${requestTime}`, "utf8").digest("hex");
}

const DEFAULT_RETRIES = [1000, 2000, 4000, 8000, 15000];

export function createCallbackSender(options: CallbackSenderOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const retries = options.retryDelaysMs ?? DEFAULT_RETRIES;
  let fault: CallbackFault = options.fault ?? "none";
  const deliveries: CallbackDelivery[] = [];
  const pending = new Set<Promise<void>>();
  let closed = false;

  function signedUrl(command: string): string {
    const requestTime = String(Math.floor(now() / 1000));
    const sign = fault === "wrong_sign" ? callbackSign(`${options.token}-wrong`, requestTime) : callbackSign(options.token, requestTime);
    const query = new URLSearchParams({ SdkAppid: String(options.sdkAppId), CallbackCommand: command, contenttype: "json", ClientIP: "127.0.0.1", OptPlatform: "RESTAPI" });
    // Appended after the others, as Tencent does.
    return `${options.url}${options.url.includes("?") ? "&" : "?"}${query}&Sign=${sign}&RequestTime=${requestTime}`;
  }

  async function attempt(delivery: CallbackDelivery, body: string): Promise<boolean> {
    try {
      const res = await fetch(signedUrl(delivery.command), { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(5000) });
      delivery.answer = await res.text();
      delivery.statuses.push(res.status);
      return res.status === 200;
    } catch {
      delivery.statuses.push(0);
      return false;
    }
  }

  async function deliver(delivery: CallbackDelivery, body: string): Promise<void> {
    for (let i = 0; ; i++) {
      if (await attempt(delivery, body)) break;
      // A refusal of a wrong signature is the point of that fault: not retried.
      if (closed || i >= retries.length || delivery.statuses.at(-1) === 401) break;
      await new Promise((resolve) => setTimeout(resolve, retries[i]).unref?.());
    }
    log(`callback  ${delivery.command} ${delivery.roomId} -> ${delivery.statuses.join(",")}`);
  }

  function track(work: Promise<void>) {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  return {
    setFault(mode: CallbackFault) {
      fault = mode;
    },
    /** Sends one callback (twice under the replay fault); resolves once it (and its retries) are done. */
    send(command: string, roomId: string, payload: Record<string, unknown>): Promise<void> {
      if (closed) return Promise.resolve();
      const body = JSON.stringify({ CallbackCommand: command, ...payload });
      const copies = fault === "replay" ? 2 : 1;
      const work = (async () => {
        for (let i = 0; i < copies; i++) {
          const delivery: CallbackDelivery = { command, roomId, statuses: [], answer: null, fault };
          deliveries.push(delivery);
          await deliver(delivery, body);
        }
      })();
      track(work);
      return work;
    },
    deliveries: (): CallbackDelivery[] => deliveries.map((d) => ({ ...d, statuses: [...d.statuses] })),
    /** Resolves when every delivery under way has finished. */
    async idle(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close() {
      closed = true;
    },
  };
}

export type CallbackSender = ReturnType<typeof createCallbackSender>;
