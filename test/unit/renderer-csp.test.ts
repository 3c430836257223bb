import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererCsp } from '../../shared/security/renderer-csp.ts';

describe('the renderer CSP', () => {
  it('is the same in the page as in the hosts\' header (frame-ancestors works only as a header)', () => {
    const html = readFileSync(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(rendererCsp().replace("; frame-ancestors 'none'", ''));
  });

  it('allows no inline script, no eval and no remote source but https images (shown only when the user asks)', () => {
    const policy = rendererCsp();
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("img-src 'self' data: blob: https:;");
    expect(policy.replace("img-src 'self' data: blob: https:;", '')).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
