// Where to go after signing in: only a path on this console. `//evil.example` and `/\evil.example`
// are other sites to a browser, and a control character can split a header.

export function safeReturnPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || raw.length > 2048) return "/";
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  // Back to the sign-in page would loop.
  if (raw === "/sign-in" || raw.startsWith("/sign-in?")) return "/";
  return raw;
}
