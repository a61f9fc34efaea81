import ipaddr from "ipaddr.js";
import { lookup } from "node:dns/promises";

// Where an alert channel may send. A channel's URL is typed by an ops user, and the console sends to
// it from inside the network it runs in (the test button on demand): left open, a channel pointed at
// 127.0.0.1, 10.x or the cloud's metadata address (169.254.169.254) would make the console a probe
// of its own network. So by default a webhook must resolve to public addresses only; a team whose
// chat robot or receiver is on its own network says so with ALERT_ALLOW_PRIVATE_WEBHOOKS.
// The check runs when a channel is saved (a clear refusal) and again before every send (a name can
// start resolving elsewhere). A name that changes its answer between that check and the connection
// itself is not covered: that would need the connection pinned to the checked address.

/** ipaddr.js's names of the ranges that are not the public internet. */
const PUBLIC_RANGES = new Set(["unicast"]);

export type TargetRefusal = "private_address" | "unresolvable";

/** Null when every address the URL's host has is public, else why not. */
export async function refuseWebhookTarget(url: string, resolve: (host: string) => Promise<string[]> = resolveAll): Promise<TargetRefusal | null> {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return "unresolvable";
    }
    if (addresses.length === 0) return "unresolvable";
  }
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
  return addresses.every((address) => PUBLIC_RANGES.has(ipaddr.process(address).range())) ? null : "private_address";
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
}
