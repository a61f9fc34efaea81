import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Route handlers and the API layer read their request only through the Request they are given:
// server.mjs's direct lane calls them outside Next's request scope, where next/headers and
// next/cookies do not work (lib/api/direct-lane.mjs).
const REQUEST_SCOPE_ONLY = "Read the Request passed to the handler instead: the direct lane (lib/api/direct-lane.mjs) calls handlers outside Next's request scope.";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["app/api/**/*.{ts,tsx}", "lib/api/**/*.{ts,tsx,mjs}", "lib/server/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next/headers", message: REQUEST_SCOPE_ONLY },
            { name: "next/cookies", message: REQUEST_SCOPE_ONLY },
          ],
        },
      ],
    },
  },
  globalIgnores([".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "bench/results/**"]),
]);
