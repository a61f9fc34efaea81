import "server-only";

// One JSON line per event on stdout/stderr, for whatever collects the server's output. Callers pass
// fields they chose; nothing here serialises whole objects, so a credential cannot slip in through
// an error or a request that happened to be logged.

type Level = "info" | "warn" | "error";
type Field = string | number | boolean | null | undefined;

function write(level: Level, msg: string, fields: Record<string, Field>) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields });
  if (level === "info") console.log(line);
  else console.error(line);
}

export const log = {
  info: (msg: string, fields: Record<string, Field> = {}) => write("info", msg, fields),
  warn: (msg: string, fields: Record<string, Field> = {}) => write("warn", msg, fields),
  error: (msg: string, fields: Record<string, Field> = {}) => write("error", msg, fields),
};
