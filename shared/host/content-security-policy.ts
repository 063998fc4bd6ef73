/**
 * The renderer's Content-Security-Policy: no script but its own files, no inline script or
 * eval, no remote origin of any kind. renderer/index.html carries it as a meta tag (a test
 * keeps the two equal); the desktop app's protocol and the web server also send it as a
 * header, with `frame-ancestors`, which only a header can set.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const RENDERER_HEADER_CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;
