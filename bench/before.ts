// The build from before a change, for a benchmark's side-by-side columns: that commit's files in a
// folder of their own (from `git archive`, so no worktree is registered and this checkout is not
// touched), this checkout's node_modules hard-linked into it, built once and kept for the next run.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild } from "@/simulator/launch-console";

const root = new URL("..", import.meta.url).pathname;

/** A built checkout of `commit`: `dir` when given (an existing checkout), else one in the temporary folder. */
export function builtCheckout(commit: string, dir?: string): string {
  const sha = execFileSync("git", ["rev-parse", "--short=12", `${commit}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  const checkout = dir ?? join(tmpdir(), `roomscope-bench-${sha}`);
  if (!existsSync(join(checkout, "package.json"))) {
    console.log(`Copying ${sha} to ${checkout}...`);
    rmSync(checkout, { recursive: true, force: true });
    mkdirSync(checkout, { recursive: true });
    const archive = execFileSync("git", ["archive", "--format=tar", sha], { cwd: root, maxBuffer: 1 << 30 });
    execFileSync("tar", ["-x", "-C", checkout], { input: archive });
    // Hard links cost no space; a copy is the way across file systems. The dependencies the old
    // commit lists are the same versions (or absent from it), so the new ones are harmless there.
    try {
      execFileSync("cp", ["-al", join(root, "node_modules"), join(checkout, "node_modules")]);
    } catch {
      rmSync(join(checkout, "node_modules"), { recursive: true, force: true });
      execFileSync("cp", ["-a", join(root, "node_modules"), join(checkout, "node_modules")]);
    }
  }
  ensureBuild(checkout);
  return checkout;
}
