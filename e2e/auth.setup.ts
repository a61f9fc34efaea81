import { expect, test as setup } from "@playwright/test";
import { ROLES } from "../lib/contract/roles";
import { ACCOUNTS, ADMIN, signInAs, storageStateOf } from "./accounts";
import { RECORDED_FROM_THE_START } from "./recording";

// Runs before the specs (a Playwright setup project): the first admin creates one account per
// role through the API, then each role signs in and its browser state is stored for the specs; and
// the rooms later specs need minutes of recording of start recording now.

setup("one signed-in browser per role", async ({ request, baseURL, browser }) => {
  const base = baseURL!;
  await signInAs(request, base, ADMIN);
  for (const role of ROLES.filter((r) => r !== "admin")) {
    const res = await request.post(`${base}/api/users`, { data: { ...ACCOUNTS[role], role }, headers: { origin: base } });
    expect([201, 409], await res.text()).toContain(res.status());
  }
  for (const role of ROLES) {
    const context = await browser.newContext({ baseURL: base });
    await signInAs(context.request, base, ACCOUNTS[role]);
    await context.storageState({ path: storageStateOf(role) });
    await context.close();
  }
  for (const roomId of RECORDED_FROM_THE_START) {
    expect((await request.get(`${base}/api/rooms/${encodeURIComponent(roomId)}/stats`)).status(), roomId).toBe(200);
  }
});
