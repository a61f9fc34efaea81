// The identity provider e2e/oidc-provider.ts runs for e2e/sso.spec.ts: where it and the console
// signing in with it listen (playwright.config.ts starts both), its one client and its accounts.
// Its login screen takes an account's login name below; any password does.

export const IDP_PORT = Number(process.env.E2E_OIDC_PORT ?? 9330);
/** The third console under test: the main one's settings plus single sign-on with this provider. */
export const SSO_CONSOLE_PORT = Number(process.env.E2E_APP_PORT ?? 3310) + 2;
export const SSO_NAME = "E2E Provider";

export const IDP_CLIENT = { clientId: "roomscope-e2e", clientSecret: "e2e-oidc-client-secret-not-for-production" };

export interface IdpAccount {
  /** What to type in the provider's login form; also its `sub`. */
  login: string;
  email: string;
  name: string;
  groups: string[];
}

export const IDP_ACCOUNTS = {
  /** In the group that maps to ops (`roomscope-ops`), besides one the console does not know. */
  mapped: { login: "olive-ops", email: "olive.ops@sso.e2e.test", name: "Olive Ops", groups: ["staff", "roomscope-ops"] },
  /** In no group the console maps: a new user gets the least role. */
  unmapped: { login: "nico-new", email: "nico.new@sso.e2e.test", name: "Nico New", groups: ["staff", "admin"] },
} satisfies Record<string, IdpAccount>;
