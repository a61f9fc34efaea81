// A real OpenID Provider for e2e/sso.spec.ts: panva's oidc-provider (OpenID certified), not a mock.
// `tsx e2e/oidc-provider.ts --port 9330 --redirect-uri http://127.0.0.1:3312/api/auth/callback/oidc`
// (the flag may repeat; OIDC_PROVIDER_PORT and OIDC_PROVIDER_REDIRECT_URIS="a,b" stand behind them).
//
// One confidential client (e2e/sso-idp.ts) that must use PKCE with S256, the accounts there,
// and the provider's development login and consent screens: the login form takes an account's login
// name and any password. The claims: `email` and `email_verified` with the email scope, `name` and
// `groups` with profile. Released as the provider does by default (conformIdTokenClaims): the ID
// token holds the identity, the userinfo endpoint the scopes' claims.

import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Provider, type Account } from "oidc-provider";
import { IDP_ACCOUNTS, IDP_CLIENT, type IdpAccount } from "./sso-idp";

const { values } = parseArgs({
  options: { port: { type: "string" }, "redirect-uri": { type: "string", multiple: true } },
});
const port = Number(values.port ?? process.env.OIDC_PROVIDER_PORT ?? 9330);
const redirectUris = values["redirect-uri"] ?? (process.env.OIDC_PROVIDER_REDIRECT_URIS ?? "").split(",").filter(Boolean);
if (!Number.isInteger(port) || port < 1 || redirectUris.length === 0) {
  console.error("usage: tsx e2e/oidc-provider.ts --port <n> --redirect-uri <console>/api/auth/callback/oidc [--redirect-uri ...]");
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const accounts = new Map<string, IdpAccount>(Object.values(IDP_ACCOUNTS).map((a) => [a.login, a]));
// A signing key of this run's own: nothing signed by another run (or anyone else) verifies.
const signingKey = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "e2e-rs256", alg: "RS256", use: "sig" };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: IDP_CLIENT.clientId,
      client_secret: IDP_CLIENT.clientSecret,
      // As the console authenticates (Better Auth's default with a secret); this provider would take
      // client_secret_basic from a client registered so too.
      token_endpoint_auth_method: "client_secret_post",
      redirect_uris: redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // Every authorization request must carry a code challenge (S256 is the only method offered), and
  // the token request its verifier: a console that skipped PKCE could not sign in here.
  pkce: { required: () => true },
  scopes: ["openid", "email", "profile"],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  features: { devInteractions: { enabled: true } },
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString("base64url")] },
  findAccount(_ctx: unknown, sub: string): Account | undefined {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      claims: () => ({ sub, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
    };
  },
});

// The provider answers a failure to the browser or the client; the test's log says why.
for (const event of ["server_error", "authorization.error", "grant.error", "userinfo.error", "jwks.error", "discovery.error"]) {
  provider.on(event, (...args: unknown[]) => {
    const error = args.find((a): a is Error => a instanceof Error);
    console.error(`oidc-provider ${event}: ${error ? `${error.name}: ${error.message}${"error_description" in error ? ` (${String(error.error_description)})` : ""}` : "?"}`);
  });
}

createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`OpenID Provider for the e2e tests at ${issuer}/.well-known/openid-configuration; redirect URIs ${redirectUris.join(", ")}`);
});
