import { inflateSync } from "node:zlib";

// What a leaked credential looks like in a response body, a page or a log: the secret key itself, a
// signed upstream URL, or a bare UserSig (zlib-compressed JSON in Tencent's base64 alphabet, which no
// plain substring search would recognise).

export function findCredentialLeaks(text: string, secretKey: string): string[] {
  const leaks: string[] = [];
  if (text.includes(secretKey)) leaks.push("the secret key");
  if (/usersig=/i.test(text)) leaks.push("a signed upstream URL");
  for (const token of text.match(/[A-Za-z0-9*_-]{60,}/g) ?? []) {
    try {
      const raw = Buffer.from(token.replace(/\*/g, "+").replace(/-/g, "/").replace(/_/g, "="), "base64");
      if (inflateSync(raw).toString("utf8").includes("TLS.sig")) leaks.push(`a UserSig (${token.slice(0, 12)}...)`);
    } catch {
      // not zlib data: not a UserSig
    }
  }
  return leaks;
}
