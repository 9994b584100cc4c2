import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, resolveAppPath } from './security-policy';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `root` on app://lotse/, GET only, never outside `root`. */
export function serveRenderer(root: string): void {
  const base = normalize(root + sep);
  protocol.handle(APP_SCHEME, (request) => {
    if (request.method !== 'GET') return new Response('Method Not Allowed', { status: 405 });
    const relative = resolveAppPath(request.url);
    if (!relative) return new Response('Not Found', { status: 404 });
    const file = normalize(join(root, relative));
    if (!file.startsWith(base)) return new Response('Not Found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
