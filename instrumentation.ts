// Runs once when the server starts. The Node-only work lives in lib/startup.ts so the edge bundle
// of this file stays free of Node APIs.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfiguration } = await import("@/lib/startup");
    checkConfiguration();
  }
}
