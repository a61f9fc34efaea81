/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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

export default nextConfig;
