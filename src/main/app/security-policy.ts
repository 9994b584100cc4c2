/**
 * The security decisions of the Electron shell as pure functions, so they are unit-tested without
 * Electron. src/main/app/security.ts applies them to Electron's hooks.
 */

/** The custom scheme the packaged renderer is served from (never file://, never remote). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lotse';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Content-Security-Policy of the renderer. No remote origins at all; inline styles are allowed
 * because Mantine injects CSS variables at runtime. In development the Vite dev server (loopback
 * only) needs its websocket for hot reload.
 */
export function contentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  const dev = options.devServerOrigin;
  const devWs = dev ? dev.replace(/^http/, 'ws') : undefined;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(dev && devWs ? [dev, devWs] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'worker-src': ["'self'", 'blob:'],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // WHATWG URL gives "null" as origin for non-special schemes such as app://.
    return parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** The origins the Lotse window may show: the packaged app scheme and, in dev, the dev server. */
export function trustedOrigins(devServerUrl?: string): string[] {
  const origins = [APP_ORIGIN];
  const dev = devServerUrl ? originOf(devServerUrl) : undefined;
  if (dev && isLoopbackOrigin(dev)) origins.push(dev);
  return origins;
}

function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin);
    return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost');
  } catch {
    return false;
  }
}

/** Navigation inside the window is never allowed: the app is a single page. */
export function isNavigationAllowed(_targetUrl: string): boolean {
  return false;
}

/**
 * Links the user may open outside Lotse in the system browser (e.g. legal texts). Everything else
 * opened via window.open is refused.
 */
export function isAllowedExternalUrl(url: string, allowedHosts: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && allowedHosts.includes(parsed.hostname);
  } catch {
    return false;
  }
}

/** Permission requests (camera, notifications, geolocation, …) are denied, without exception. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/**
 * IPC is answered only for the main frame of our own origin (not iframes, not other pages).
 */
export function isTrustedSender(
  sender: { url: string | undefined; isMainFrame: boolean },
  origins: readonly string[],
): boolean {
  if (!sender.isMainFrame || !sender.url) return false;
  const origin = originOf(sender.url);
  return origin !== undefined && origins.includes(origin);
}

/**
 * Maps a request on app://lotse/<path> to a file below `root`, refusing traversal, other hosts,
 * and encoded separators. Returns a relative path with forward slashes or undefined.
 */
export function resolveAppPath(requestUrl: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

/**
 * The CSP for the `<meta http-equiv>` of the built index.html: the header CSP without
 * `frame-ancestors` (ignored in a meta element). The packaged app is served through the app://
 * protocol, whose responses a header set via webRequest may not reach, so the shipped page must
 * carry the strict policy itself (issue 14, item 12).
 */
export function metaContentSecurityPolicy(options: { devServerOrigin?: string } = {}): string {
  return contentSecurityPolicy(options)
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors '))
    .join('; ');
}

/** Replaces the content of the CSP meta element of `html`; throws if there is none. */
export function withMetaCsp(html: string, csp: string): string {
  const pattern = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;
  if (!pattern.test(html)) throw new Error('index.html has no Content-Security-Policy meta element');
  return html.replace(pattern, (_m, open: string, close: string) => `${open}${csp}${close}`);
}

/**
 * What an installed (packaged) build switches off: the DevTools (no inspecting the renderer's
 * memory or calling the bridge by hand) and Electron's default menu (View → Toggle Developer
 * Tools, Reload). Development (`npm start`, `npm run dev`) keeps both. LOTSE_DEVTOOLS has no
 * effect on a packaged build.
 */
export function shellFeatures(packaged: boolean): { devTools: boolean; defaultMenu: boolean } {
  return { devTools: !packaged, defaultMenu: !packaged };
}
