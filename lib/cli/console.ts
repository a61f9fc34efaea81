// `npm run console -- <command>`: manage API tokens and users from a shell, on the same database the
// console uses (PostgreSQL with DATABASE_URL, else DATA_DIR), and copy an embedded deployment's files
// into PostgreSQL. Run where the console runs.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { isRole, ROLES, type Role } from "@/lib/contract/roles";
import { EnvError, parseAccessEnv } from "@/lib/env";
import { errorMessage } from "@/lib/i18n/messages";
import { DomainError } from "@/lib/errors/domain-error";
import { openAccess } from "./access-cli";
import { copySqliteToPostgres } from "./migrate-sqlite";

const HELP = `Usage: npm run console -- <command> [options]

Commands:
  tokens create --name NAME --role ROLE [--expires-days N]
                      Create an API token; it is printed once, on the last line.
  tokens list         List the live tokens (never the tokens themselves).
  tokens revoke NAME  Revoke the live token called NAME.
  users create --email EMAIL --role ROLE [--name NAME] [--password PASSWORD]
                      Create a password account; a generated password is printed once.
  users list          List the accounts.
  migrate-sqlite --from FILE [--access FILE]
                      Copy an embedded deployment's SQLite files (history, and access.db beside
                      it unless --access says where) into the PostgreSQL of DATABASE_URL. Run it
                      again at any time: it copies only what is missing.

Roles: ${ROLES.join(", ")}.
Reads DATABASE_URL (else DATA_DIR, default ./data) and the access settings the console reads; see README.md.
Options: --help shows this text.`;

class UsageError extends Error {}

function role(value: string | undefined): Role {
  if (!isRole(value)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
  return value;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
};
const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());

export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      name: { type: "string" },
      role: { type: "string" },
      "expires-days": { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
      from: { type: "string" },
      access: { type: "string" },
    },
  });
  const [group, command, arg] = positionals;
  if (values.help || !group) {
    out(HELP);
    return values.help ? 0 : 2;
  }
  if (group === "migrate-sqlite") return migrateSqlite(values.from, values.access, out);
  const known = ["tokens create", "tokens list", "tokens revoke", "users create", "users list"];
  if (!known.includes(`${group} ${command}`)) throw new UsageError(`unknown command: ${positionals.join(" ")}`);

  const access = await openAccess(parseAccessEnv(process.env));
  try {
    switch (`${group} ${command}`) {
      case "tokens create": {
        const days = values["expires-days"];
        if (days !== undefined && !/^\d{1,4}$/.test(days)) throw new UsageError("--expires-days must be a whole number of days");
        const { token, record } = await access.tokens.create({
          name: required(values.name, "name"),
          role: role(values.role),
          createdBy: "command line",
          expiresAt: days ? Date.now() + Number(days) * 86_400_000 : null,
        });
        out(`Created token ${record.name} (role ${record.role}, expires ${record.expiresAt ? iso(record.expiresAt) : "never"}).`);
        out("It is shown this once; only its hash is kept. Send it as Authorization: Bearer <token>.");
        out(token);
        return 0;
      }
      case "tokens list": {
        const tokens = await access.tokens.list();
        if (tokens.length === 0) out("No live tokens.");
        else
          out(
            table([
              ["NAME", "ROLE", "CREATED BY", "CREATED", "EXPIRES", "LAST USED"],
              ...tokens.map((t) => [t.name, t.role, t.createdBy, iso(t.createdAt), iso(t.expiresAt), iso(t.lastUsedAt)]),
            ]),
          );
        return 0;
      }
      case "tokens revoke": {
        const revoked = await access.tokens.revoke(required(arg, "NAME (tokens revoke NAME)"));
        out(`Revoked token ${revoked.name}.`);
        return 0;
      }
      case "users create": {
        const { user, password } = await access.users.create({
          email: required(values.email, "email"),
          name: values.name,
          role: role(values.role),
          password: values.password,
        });
        out(`Created ${user.email} (role ${user.role}).`);
        if (!values.password) out(`Password (shown this once): ${password}`);
        return 0;
      }
      default: {
        const users = await access.users.list();
        out(table([["EMAIL", "NAME", "ROLE", "STATUS"], ...users.map((u) => [u.email, u.name, u.role, u.disabled ? "disabled" : "active"])]));
        return 0;
      }
    }
  } finally {
    await access.stop();
  }
}

async function migrateSqlite(from: string | undefined, accessFile: string | undefined, out: (line: string) => void): Promise<number> {
  const historyFile = required(from, "from");
  if (!existsSync(historyFile)) throw new UsageError(`--from ${historyFile}: no such file`);
  if (accessFile !== undefined && !existsSync(accessFile)) throw new UsageError(`--access ${accessFile}: no such file`);
  const settings = parseAccessEnv(process.env);
  if (!settings.databaseUrl) throw new UsageError("migrate-sqlite copies into the PostgreSQL of DATABASE_URL, which is not set");
  const number = (n: number) => n.toLocaleString("en-US");
  const report = await copySqliteToPostgres({
    historyFile,
    accessFile,
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    access: settings.access,
    progress: (table, done, total) => out(`${table}: ${number(done)} of ${number(total)}`),
  });
  out(`Copied from ${report.historyFile}${report.accessFile ? ` and ${report.accessFile}` : ""} into PostgreSQL (DATABASE_URL).`);
  if (!report.accessFile) out("No access database beside it (access.db): users, tokens and the audit log were not copied; give --access FILE if it is elsewhere.");
  out(
    table([
      ["TABLE", "IN FILE", "COPIED", "SKIPPED"],
      ...report.tables.map((t) => [t.table, number(t.read), number(t.copied), number(t.read - t.copied)]),
    ]),
  );
  out("Skipped rows were in PostgreSQL already (a second run copies nothing), except as said below.");
  for (const email of report.keptUsers) out(`Kept PostgreSQL's own account for ${email}; the file's account of that email and its password were not copied.`);
  for (const name of report.clashingTokens) out(`Token ${name} not copied: PostgreSQL has another live token of that name. Revoke one and run again, or create a new token.`);
  if (report.renumberedEvents > 0) out(`${number(report.renumberedEvents)} audit events took new numbers (PostgreSQL's log had used theirs), so they list after its own.`);
  if (report.sessionsLeft > 0) out(`${number(report.sessionsLeft)} sessions were not copied: everyone signs in again.`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
        console.error(`${(error as Error).message}\n\n${HELP}`);
        process.exit(2);
      }
      if (DomainError.is(error)) console.error(errorMessage(error.code, error.params));
      else if (error instanceof EnvError) console.error(error.message);
      else console.error(`Failed: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
