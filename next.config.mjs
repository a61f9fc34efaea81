import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each page render's language and messages from lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A self-contained folder to deploy (.next/standalone, `npm run standalone`): the server and only
  // the dependencies it uses. server.mjs is the entry there too, so it and what it imports (the
  // lane's registry, negotiator) are traced in explicitly: nothing in the app imports them. Only
  // when asked for at build time: Next warns on every `npm start` of a build configured for it.
  ...(process.env.ROOMSCOPE_STANDALONE === "1" && {
    output: "standalone",
    outputFileTracingIncludes: { "/*": ["./server.mjs", "./lib/api/direct-lane.mjs", "./node_modules/negotiator/**"] },
  }),
  // Pages get theirs from proxy.ts and API answers from lib/api/handler.ts; these cover the rest
  // (static assets, Next's own answers).
  async headers() {
    return [
      {
        source: "/:path((?!api/).*)",
        headers: [
          { key: "x-content-type-options", value: "nosniff" },
          { key: "referrer-policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
