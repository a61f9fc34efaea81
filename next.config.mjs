/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The stand-in and the benchmark are separate programs run with tsx; keep them out of the app build.
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
