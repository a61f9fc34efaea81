import "server-only";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// The key that signs session cookies. AUTH_SECRET when set (required when several instances share
// sessions); otherwise one generated on first start and kept beside the database, readable by its
// owner only, so that sessions survive a restart of a single embedded instance.

export const SECRET_FILE_NAME = "auth-secret";

export function resolveAuthSecret(configured: string | undefined, dataDir: string): { secret: string; generated: boolean } {
  if (configured) return { secret: configured, generated: false };
  const file = join(/*turbopackIgnore: true*/ dataDir, SECRET_FILE_NAME);
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return { secret: stored, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("base64url");
  // `wx`: two processes starting at once must not each write their own.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return { secret: readFileSync(file, "utf8").trim(), generated: false };
    throw error;
  }
  return { secret, generated: true };
}
