import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The tree's floors, checked: routes and pages sit on lib/ and components/, never the other way
// round, and lib/'s folders import each other without a loop, so each can be replaced on its own.

const root = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every "@/..." module a file imports (static and dynamic imports, type-only ones included). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/(?:from|import\()\s*"@\/([^"]+)"/g)].map((m) => m[1]!);
}

/** lib/<folder>/..., or the file itself for a module at lib/'s top. */
const libFolder = (path: string) => path.split("/").slice(1, 2)[0]!.replace(/\.(ts|tsx|mjs)$/, "");

describe("the architecture", () => {
  it("keeps app/ on top: nothing in lib/ or components/ imports a route or page", () => {
    const upward = [...sources("lib"), ...sources("components")].flatMap((file) => imports(file).filter((m) => m.startsWith("app/")).map((m) => `${file} -> ${m}`));
    expect(upward).toEqual([]);
  });

  it("keeps lib/ below components/", () => {
    const upward = sources("lib").flatMap((file) => imports(file).filter((m) => m.startsWith("components/")).map((m) => `${file} -> ${m}`));
    expect(upward).toEqual([]);
  });

  it("has no import loop between lib/'s folders", () => {
    const edges = new Map<string, Set<string>>();
    for (const file of sources("lib").filter((f) => !/\.test\.tsx?$/.test(f) && !f.startsWith("lib/testing/"))) {
      const from = libFolder(file);
      for (const target of imports(file).filter((m) => m.startsWith("lib/")).map(libFolder)) {
        if (target !== from) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(target);
      }
    }
    // Depth-first search: an edge back to a folder still open closes a loop; the loop is reported.
    const state = new Map<string, "open" | "done">();
    const loops: string[] = [];
    const visit = (path: string[]) => {
      const node = path.at(-1)!;
      state.set(node, "open");
      for (const next of edges.get(node) ?? []) {
        if (state.get(next) === "open") loops.push([...path.slice(path.indexOf(next)), next].join(" -> "));
        else if (!state.has(next)) visit([...path, next]);
      }
      state.set(node, "done");
    };
    for (const node of edges.keys()) if (!state.has(node)) visit([node]);
    expect(loops).toEqual([]);
    // Sanity: the graph was read at all.
    expect(edges.get("server")?.has("store")).toBe(true);
  });

  it("forbids next/headers and next/cookies where the direct lane calls in", async () => {
    const eslint = new ESLint({ cwd: root });
    for (const filePath of ["app/api/probe/route.ts", "lib/api/probe.ts"]) {
      for (const banned of ["next/headers", "next/cookies"]) {
        const [result] = await eslint.lintText(`import { cookies } from "${banned}";\nexport const probe = cookies;\n`, { filePath: join(root, filePath) });
        expect(result!.messages.map((m) => m.ruleId), `${banned} in ${filePath}`).toContain("no-restricted-imports");
      }
    }
    const [page] = await eslint.lintText(`import { headers } from "next/headers";\nexport const probe = headers;\n`, { filePath: join(root, "app/probe/page.tsx") });
    expect(page!.messages.map((m) => m.ruleId)).not.toContain("no-restricted-imports");
  }, 60_000);
});
