/**
 * The renderer's Content-Security-Policy, for both hosts: only our own scripts, styles and connections;
 * remote https images, which the sanitizer keeps off until the user asks for them; nothing framed, posted or based.
 */
export function rendererCsp(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // https images only after the user asks for a message's images: the sanitizer holds them back until then.
    "img-src 'self' data: blob: https:",
    "font-src 'self'",
    `connect-src 'self'${connectSrc.map((source) => ` ${source}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}
