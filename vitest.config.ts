import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components by design; under Vitest the server
      // modules run in plain Node, which is exactly where they are allowed to run.
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-noop.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,app,simulator,components,bench}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
  },
});
