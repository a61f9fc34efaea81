import { test as base, expect } from "@playwright/test";
import { findCredentialLeaks } from "../lib/testing/secrets";
import { DEMO_APP } from "../simulator/demo-app";

// Every spec's pages run under this fixture: whatever a page loads (documents, scripts, API
// answers, error pages), its headers and body are checked for the app's secret key, a UserSig or a
// signed upstream URL. A leak anywhere in the e2e suite fails the test that caused it.

export const test = base.extend<{ noCredentialLeaks: void }>({
  noCredentialLeaks: [
    async ({ context }, use, testInfo) => {
      const checks: Promise<string[]>[] = [];
      context.on("response", (response) => {
        checks.push(
          (async () => {
            const headers = JSON.stringify(await response.allHeaders().catch(() => response.headers()));
            // Redirects and aborted requests have no body.
            const body = await response.text().catch(() => "");
            return findCredentialLeaks(`${headers}\n${body}`, DEMO_APP.secretKey).map((leak) => `${leak} in ${response.url()}`);
          })(),
        );
      });
      await use();
      // A body still streaming (a page left polling) would never finish: close the pages first.
      await Promise.all(context.pages().map((page) => page.close()));
      const leaks = (await Promise.all(checks)).flat();
      expect(leaks, `credential leaks during ${testInfo.title}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
