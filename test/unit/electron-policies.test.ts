import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAppUrl, isTrustedIpcSender, rendererFileFor } from '../../main/electron/app-origin.ts';

// The shell's security decisions are pure functions, tested here because no Electron binary runs in CI.
describe('app origin', () => {
  it.each([
    ['app://triage/index.html', true],
    ['app://triage/assets/x.js', true],
    ['app://triage.evil/index.html', false],
    ['app://evil/index.html', false],
    ['https://triage/index.html', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s is ours: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('IPC senders', () => {
  it('trusts only our page in its top frame', () => {
    expect(isTrustedIpcSender({ url: 'app://triage/index.html', parent: null })).toBe(true);
    expect(isTrustedIpcSender({ url: 'app://triage/index.html', parent: {} })).toBe(false);
    expect(isTrustedIpcSender({ url: 'https://evil.test/', parent: null })).toBe(false);
    expect(isTrustedIpcSender({ url: 'file:///tmp/x.html', parent: null })).toBe(false);
    expect(isTrustedIpcSender(null)).toBe(false);
  });
});

describe('external links', () => {
  it.each([
    ['https://docs.example-data.test/errors#RATE_LIMITED', 'https://docs.example-data.test/errors#RATE_LIMITED'],
    ['HTTPS://EXAMPLE.COM/a', 'https://example.com/a'],
    ['  https://example.com/lead-space', 'https://example.com/lead-space'],
    ['http://example.com/', 'http://example.com/'],
    ['mailto:dev@example.com', 'mailto:dev@example.com'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['smb://attacker/share', null],
    ['ftp://example.com/', null],
    ['ms-settings:privacy', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['//example.com', null],
    // WHATWG parsing, as the browser would read it: extra slashes before a special scheme's host are dropped.
    ['http:///nohost', 'http://nohost/'],
  ])('%s opens as %s', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });
});

describe('files served from app://', () => {
  const root = mkdtempSync(join(tmpdir(), 'renderer-'));
  it.each([
    ['app://triage/', join(root, 'index.html')],
    ['app://triage/index.html', join(root, 'index.html')],
    ['app://triage/assets/index.js', join(root, 'assets/index.js')],
    ['app://triage/../../etc/passwd', join(root, 'etc/passwd')],
    // Encoded dot segments are decoded, then clamped at the root: they never leave it.
    ['app://triage/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc/passwd')],
    ['app://triage/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret', join(root, 'secret')],
    ['app://triage/%E0%A4%A', null],
    ['app://triage/a%00b', null],
    ['app://other/index.html', null],
    ['file:///etc/passwd', null],
  ])('%s serves %s', (url, expected) => {
    expect(rendererFileFor(root, url)).toBe(expected);
  });
});
