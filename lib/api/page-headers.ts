// The security headers of every page (proxy.ts). Scripts run only by the request's nonce (and what
// they load, 'strict-dynamic'); styles may be inline because the charts set style attributes, which
// cannot carry a nonce. `next dev` needs eval for its fast refresh, and only there. Images may come
// from any https origin: room covers are on Tencent's CDN or the app's own bucket, whose hosts the
// console cannot know (an image runs no script, and covers are fetched with no referrer).
// `imageOrigin` adds one more: the stand-in's, which serves its covers over plain http.

export function pageSecurityHeaders(nonce: string, options: { https: boolean; dev: boolean; imageOrigin?: string | null }): Record<string, string> & { "content-security-policy": string } {
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${options.imageOrigin ? ` ${options.imageOrigin}` : ""}`,
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
