import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedSender,
  resolveAppPath,
  shellFeatures,
  trustedOrigins,
} from './security-policy';

describe('content security policy', () => {
  it('allows no remote origin and no inline script', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\//);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
  });

  it('admits only the loopback dev server in development', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' });
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});

describe('navigation, window.open and permissions', () => {
  it.each(['https://example.org', 'app://lotse/other', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'blocks navigation to %s',
    (url) => expect(isNavigationAllowed(url)).toBe(false),
  );

  it('opens only allow-listed https hosts externally', () => {
    const hosts = ['www.gesetze-im-internet.de'];
    expect(isAllowedExternalUrl('https://www.gesetze-im-internet.de/sgb_2/__15.html', hosts)).toBe(true);
    expect(isAllowedExternalUrl('http://www.gesetze-im-internet.de/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('not a url', hosts)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])(
    'denies the permission %s',
    (permission) => expect(isPermissionGranted(permission)).toBe(false),
  );
});

describe('IPC sender check', () => {
  const origins = trustedOrigins('http://localhost:5173/');

  it('trusts the main frame of the app origin and the loopback dev server', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: true }, origins)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5173/#/faelle', isMainFrame: true }, origins)).toBe(true);
  });

  it('refuses subframes, foreign origins and missing urls', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', isMainFrame: true }, origins)).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true }, origins)).toBe(false);
  });

  it('never trusts a remote dev server url', () => {
    expect(trustedOrigins('http://evil.example:5173')).toEqual([APP_ORIGIN]);
  });
});

describe('app:// path resolution', () => {
  it.each([
    ['app://lotse/', 'index.html'],
    ['app://lotse/index.html', 'index.html'],
    ['app://lotse/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://lotse/assets/Schrift%20A.woff2', 'assets/Schrift A.woff2'],
    // The URL parser folds dot segments, so traversal cannot leave the root.
    ['app://lotse/../secret', 'secret'],
    ['app://lotse/assets/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
  ])('maps %s to %s', (url, path) => expect(resolveAppPath(url)).toBe(path));

  it.each([
    'app://lotse/a%5c..%5cb',
    'app://lotse/%00',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://lotse/%E0%A4%A',
  ])('refuses %s', (url) => expect(resolveAppPath(url)).toBeUndefined());
});

describe('shellFeatures', () => {
  it('switches DevTools and the default menu off in a packaged build only', () => {
    expect(shellFeatures(true)).toEqual({ devTools: false, defaultMenu: false });
    expect(shellFeatures(false)).toEqual({ devTools: true, defaultMenu: true });
  });
});
