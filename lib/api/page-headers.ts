// The security headers of every page (proxy.ts). Scripts run only by the request's nonce (and what
// they load, 'strict-dynamic'); styles may be inline because the charts set style attributes, which
// cannot carry a nonce. `next dev` needs eval for its fast refresh, and only there.

export function pageSecurityHeaders(nonce: string, options: { https: boolean; dev: boolean }): Record<string, string> & { "content-security-policy": string } {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "content-security-policy": policy,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    ...(options.https && { "strict-transport-security": "max-age=31536000; includeSubDomains" }),
  };
}
