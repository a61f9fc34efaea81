import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import type { Role } from "../lib/contract/roles";
import type { AuditEntryView, User } from "../lib/contract/access";
import { adminToken } from "./accounts";
import { IDP_ACCOUNTS, IDP_CLIENT, IDP_PORT, SSO_CONSOLE_PORT, SSO_NAME, type IdpAccount } from "./sso-idp";

// Single sign-on, end to end: the browser signs in to the console at a real OpenID Provider
// (e2e/oidc-provider.ts, panva's oidc-provider) with the authorization code flow and PKCE, and comes
// back with the role its `groups` claim maps to. playwright.config.ts starts the provider and a
// console configured for it.

const IDP = `http://127.0.0.1:${IDP_PORT}`;
const CONSOLE = `http://127.0.0.1:${SSO_CONSOLE_PORT}`;
const CALLBACK = `${CONSOLE}/api/auth/callback/oidc`;

// Signed out, on the console that has single sign-on. In order: the later tests find the accounts
// the first ones created.
test.use({ baseURL: CONSOLE, storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: "serial" });

/** The provider's development screens import a web font from the internet; nothing here needs it. */
const withoutWebFonts = (context: BrowserContext) => context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
test.beforeEach(({ context }) => withoutWebFonts(context));

let token: string | undefined;
async function api<T>(request: APIRequestContext, path: string, init: { method?: string; data?: unknown } = {}): Promise<T> {
  token ??= await adminToken(request, CONSOLE, `sso-e2e-${Date.now()}`);
  const res = await request.fetch(`${CONSOLE}${path}`, { method: init.method ?? "GET", data: init.data, headers: { authorization: `Bearer ${token}` } });
  if (!res.ok()) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const userByEmail = async (request: APIRequestContext, email: string) =>
  (await api<{ users: User[] }>(request, "/api/users")).users.find((u) => u.email === email);

/** Clicks the sign-in page's SSO button; the browser goes to the provider. The authorization request. */
async function startSso(page: Page): Promise<URL> {
  const authorization = page.waitForRequest((r) => r.url().startsWith(`${IDP}/auth?`));
  await page.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  return new URL((await authorization).url());
}

/** The provider's login and consent screens (each test's browser is new to the provider). */
async function passProvider(page: Page, account: IdpAccount) {
  await expect(page.getByRole("heading", { name: "Sign-in" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(IDP);
  await page.getByPlaceholder("Enter any login").fill(account.login);
  await page.getByPlaceholder("and password").fill("any password will do");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Authorize" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** From the console's sign-in page through the provider and back, signed in. */
async function signInWithSso(page: Page, account: IdpAccount): Promise<URL> {
  const authorization = await startSso(page);
  await passProvider(page, account);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  return authorization;
}

async function expectSignedInAs(page: Page, account: IdpAccount, role: Role) {
  await expect(page.getByRole("banner").getByTitle(`Signed in as ${account.email}`)).toHaveText(`${account.email} ${role}`);
  const session = await page.request.get("/api/session");
  expect(session.status()).toBe(200);
  expect((await session.json()).user).toMatchObject({ email: account.email, name: account.name, role, kind: "user" });
}

test("a user in the mapped group signs in at the provider, with PKCE, and comes back as ops to the page they asked for", async ({ page, request }) => {
  const account = IDP_ACCOUNTS.mapped;
  await page.goto("/watchlist");
  await expect(page).toHaveURL(`${CONSOLE}/sign-in?next=%2Fwatchlist`);

  const authorization = await signInWithSso(page, account);
  // The authorization request: the code flow for this client, with a S256 code challenge (the
  // provider refuses any request without one, see below), state and a nonce for the ID token.
  const params = authorization.searchParams;
  expect(params.get("response_type")).toBe("code");
  expect(params.get("client_id")).toBe(IDP_CLIENT.clientId);
  expect(params.get("redirect_uri")).toBe(CALLBACK);
  expect(params.get("scope")?.split(" ").sort()).toEqual(["email", "openid", "profile"]);
  expect(params.get("code_challenge_method")).toBe("S256");
  expect(params.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(params.get("state")).toBeTruthy();
  expect(params.get("nonce")).toBeTruthy();

  await expect(page).toHaveURL(`${CONSOLE}/watchlist`);
  await expectSignedInAs(page, account, "ops");
  await page.goto("/"); // ops may look up any room
  await expect(page.getByLabel("Room ID")).toBeVisible();

  const user = await userByEmail(request, account.email);
  expect(user).toMatchObject({ name: account.name, role: "ops", disabled: false, methods: ["sso"] });
  const { entries } = await api<{ entries: AuditEntryView[] }>(request, `/api/audit?action=session.sign_in&actor=${encodeURIComponent(account.email)}`);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ actorType: "user", actor: account.email, role: "ops", status: 302, detail: { method: "sso" } });

  // Signing out ends the console's session (the provider's own session is not the console's to end).
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${CONSOLE}/sign-in`);
  expect((await page.request.get("/api/session")).status()).toBe(401);
});

test("a new user in no mapped group gets the least role, viewer; a bare `admin` group is not this console's", async ({ page, request }) => {
  const account = IDP_ACCOUNTS.unmapped;
  await page.goto("/sign-in");
  await signInWithSso(page, account);
  await expect(page).toHaveURL(`${CONSOLE}/watchlist`); // a viewer's home page is the watchlist
  await expectSignedInAs(page, account, "viewer");
  await page.goto("/");
  await expect(page).toHaveURL(`${CONSOLE}/watchlist`);
  expect((await page.request.get("/api/audit")).status()).toBe(403);

  expect(await userByEmail(request, account.email)).toMatchObject({ role: "viewer", methods: ["sso"] });
  const { entries } = await api<{ entries: AuditEntryView[] }>(request, `/api/audit?action=session.sign_in&actor=${encodeURIComponent(account.email)}`);
  expect(entries[0]).toMatchObject({ actor: account.email, role: "viewer", detail: { method: "sso" } });
});

test("at each sign-in a mapped group sets the role again; an unmapped user keeps the role an admin gave", async ({ browser, request }) => {
  // Both accounts exist from the tests above; an admin changes both roles.
  for (const [account, role] of [
    [IDP_ACCOUNTS.mapped, "viewer"],
    [IDP_ACCOUNTS.unmapped, "support"],
  ] as const) {
    const user = await userByEmail(request, account.email);
    expect(user, account.email).toBeDefined();
    await api(request, `/api/users/${user!.id}`, { method: "PATCH", data: { role } });
  }

  for (const [account, role] of [
    [IDP_ACCOUNTS.mapped, "ops"],
    [IDP_ACCOUNTS.unmapped, "support"],
  ] as const) {
    const context = await browser.newContext({ baseURL: CONSOLE });
    await withoutWebFonts(context);
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signInWithSso(page, account);
    await expectSignedInAs(page, account, role);
    await context.close();
  }
});

test("the provider refuses an authorization request without PKCE, and a cancelled sign-in comes back to the sign-in page signed out", async ({ page }) => {
  // The provider really requires PKCE: the same request as the console's, minus the code challenge.
  const url = new URL(`${IDP}/auth`);
  for (const [name, value] of Object.entries({ client_id: IDP_CLIENT.clientId, response_type: "code", scope: "openid email profile", redirect_uri: CALLBACK, state: "s", nonce: "n" })) {
    url.searchParams.set(name, value);
  }
  const refused = await fetch(url, { redirect: "manual" });
  const back = new URL(refused.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  expect(back.searchParams.get("error")).toBe("invalid_request");
  expect(back.searchParams.get("error_description")).toMatch(/PKCE/);

  await page.goto("/sign-in?next=%2Fwatchlist");
  await startSso(page);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=sso&error=access_denied&/);
  await expect(page.getByText("Single sign-on did not complete.")).toBeVisible();
  expect((await page.request.get("/api/session")).status()).toBe(401);
});

test("the provider's answer signs in only the browser that asked for it (state), never another one", async ({ browser, page, request }) => {
  // This browser goes through the provider; its redirect back, with a good code, is kept and not followed.
  await page.route((url) => url.href.startsWith(`${CALLBACK}?`), (route) => route.abort());
  await page.goto("/sign-in");
  const redirected = page.waitForRequest((r) => r.url().startsWith(`${CALLBACK}?`));
  await startSso(page);
  await passProvider(page, IDP_ACCOUNTS.mapped);
  const callback = (await redirected).url();
  expect(new URL(callback).searchParams.get("code")).toBeTruthy();

  // Another browser (an attacker's victim, say) opens it: it holds no state cookie for this request.
  const other = await browser.newContext({ baseURL: CONSOLE });
  const victim = await other.newPage();
  await victim.goto(callback);
  await expect(victim).toHaveURL(/\/sign-in\?error=sso/);
  await expect(victim.getByText("Single sign-on did not complete.")).toBeVisible();
  expect((await victim.request.get("/api/session")).status()).toBe(401);
  await other.close();
  const { entries } = await api<{ entries: AuditEntryView[] }>(request, "/api/audit?action=session.sign_in_failed&limit=1");
  expect(entries[0]).toMatchObject({ actorType: "anonymous", actor: null, status: 302 });
});
