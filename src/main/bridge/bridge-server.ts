import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { fail } from '../../shared/ipc/result';
import { AppError } from '../../shared/errors';
import { contentSecurityPolicy } from '../app/security-policy';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';

/**
 * The browser bridge: serves the built renderer and answers the IPC contract over HTTP on
 * 127.0.0.1, so the real renderer runs in plain Chromium against the real main-side backend where
 * no Electron binary can be had (tests, `npm run dev:browser`).
 *
 * Other local users and processes can reach 127.0.0.1 too, so nothing is handed out by asking:
 * each start makes a random session token and a one-time launch code. Opening `launchUrl` spends
 * the code and sets the token as an HttpOnly, SameSite=Strict cookie (the page's script never sees
 * it); every invoke needs that cookie AND the page's own Origin header.
 */
export interface BridgeServer {
  /** The origin's root (static files only; without the session cookie nothing can be invoked). */
  readonly url: string;
  /** One-time link that starts a browser session (sets the cookie, then redirects to `/`). */
  readonly launchUrl: string;
  /** The session cookie's value (in-process callers such as tests; never sent to the page). */
  readonly token: string;
  close(): Promise<void>;
}

export interface BridgeOptions {
  readonly dispatch: Dispatch;
  readonly rendererDir: string;
  readonly logger: Logger;
  readonly port?: number;
  /** Upper bound of an invoke body. */
  readonly maxBodyBytes?: number;
}

const BRIDGE_SCRIPT = '/__lotse/bridge.js';
const INVOKE_PATH = '/__lotse/invoke';
const LAUNCH_PATH = '/__lotse/launch/';
export const BRIDGE_COOKIE = 'lotse_bridge';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

function bridgeScript(): string {
  // Mirrors src/preload/index.ts: only allow-listed channels, one generic invoke.
  return `(() => {
  const channels = ${JSON.stringify(IPC_CHANNELS)};
  const allowed = new Set(channels);
  const lotse = Object.freeze({
    bridgeVersion: 1,
    channels: Object.freeze(channels.slice()),
    async invoke(channel, input) {
      if (!allowed.has(channel)) {
        return { ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL', message: 'Diese Aktion ist unbekannt und wurde abgelehnt.' } };
      }
      try {
        const response = await fetch(${JSON.stringify(INVOKE_PATH)}, {
          method: 'POST',
          // the session is the HttpOnly SameSite=Strict cookie set by the launch link
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input === undefined ? { channel } : { channel, input }),
        });
        return await response.json();
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Der Lotse-Hintergrunddienst ist nicht erreichbar.' } };
      }
    },
  });
  Object.defineProperty(window, 'lotse', { value: lotse, writable: false, configurable: false });
})();
`;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function cookieValue(header: string | undefined, name: string): string {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the bridge on 127.0.0.1 (never another interface). */
export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const token = randomBytes(32).toString('base64url');
  let launchCode: string | undefined = randomBytes(32).toString('base64url');
  const launchCodeAtStart = launchCode;
  const root = normalize(options.rendererDir + sep);
  const maxBody = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const csp = contentSecurityPolicy();
  let origin = '';

  const indexHtml = (await readFile(join(options.rendererDir, 'index.html'), 'utf8'))
    // The meta CSP of the Electron build is replaced by the bridge's header CSP.
    .replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, '')
    .replace('<script', `<script src="${BRIDGE_SCRIPT}"></script>\n    <script`);

  async function handleInvoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, fail(new AppError('IPC_FORBIDDEN_SENDER').toDto()));
    const presented = cookieValue(req.headers.cookie, BRIDGE_COOKIE);
    // The Origin header is required: browsers always send it on a POST fetch, and a request
    // without one did not come from the page.
    if (!tokensEqual(presented, token) || req.headers.origin !== origin) {
      return sendJson(res, 403, fail(new AppError('IPC_FORBIDDEN_SENDER').toDto()));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, fail(new AppError('VALIDATION_FAILED').toDto()));
    }
    const raw = await readBody(req, maxBody);
    if (raw === undefined) {
      // Stop reading and drop the connection so a half-sent body cannot poison keep-alive reuse.
      const socket = req.socket;
      res.once('finish', () => socket?.destroy());
      return send(
        res,
        413,
        JSON.stringify(fail(new AppError('PAYLOAD_TOO_LARGE').toDto())),
        'application/json; charset=utf-8',
        { connection: 'close' },
      );
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, fail(new AppError('VALIDATION_FAILED').toDto()));
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
      return sendJson(res, 400, fail(new AppError('VALIDATION_FAILED').toDto()));
    }
    const { channel, input } = envelope as { channel?: unknown; input?: unknown };
    const result = await options.dispatch(channel, input);
    sendJson(res, 200, result);
  }

  async function handleStatic(pathname: string, res: ServerResponse): Promise<void> {
    if (pathname === '/' || pathname === '/index.html') {
      return send(res, 200, indexHtml, MIME['.html']!, { 'content-security-policy': csp });
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Bad Request', 'text/plain; charset=utf-8');
    }
    const file = normalize(join(options.rendererDir, decoded));
    if (!file.startsWith(root) || decoded.includes('\0'))
      return send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      send(res, 200, body, MIME[extname(file)] ?? 'application/octet-stream', {
        'content-security-policy': csp,
      });
    } catch {
      send(res, 404, 'Not Found', 'text/plain; charset=utf-8');
    }
  }

  const server = createServer((req, res) => {
    // DNS-rebinding guard: only our own host name is served.
    if (req.headers.host !== new URL(origin).host) {
      return send(res, 421, 'Misdirected Request', 'text/plain; charset=utf-8');
    }
    const url = new URL(req.url ?? '/', origin);
    const done = (error: unknown) => {
      options.logger.error(
        { event: 'bridge.failed', errorName: error instanceof Error ? error.name : 'unknown' },
        'bridge request failed',
      );
      if (!res.headersSent) sendJson(res, 500, fail(new AppError('INTERNAL').toDto()));
    };
    if (url.pathname === INVOKE_PATH) return void handleInvoke(req, res).catch(done);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8');
    if (url.pathname.startsWith(LAUNCH_PATH)) {
      const code = url.pathname.slice(LAUNCH_PATH.length);
      const fresh = launchCode !== undefined && tokensEqual(code, launchCode);
      if (fresh) launchCode = undefined; // spent
      if (fresh || tokensEqual(cookieValue(req.headers.cookie, BRIDGE_COOKIE), token)) {
        return send(res, 303, '', 'text/plain; charset=utf-8', {
          location: '/',
          'set-cookie': `${BRIDGE_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      return send(
        res,
        403,
        'Dieser Startlink ist ungültig oder wurde schon verwendet. Bitte starten Sie Lotse neu.',
        'text/plain; charset=utf-8',
      );
    }
    if (url.pathname === BRIDGE_SCRIPT) {
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return send(res, 403, 'Forbidden', 'text/plain; charset=utf-8');
      }
      return send(res, 200, bridgeScript(), MIME['.js']!);
    }
    void handleStatic(url.pathname, res).catch(done);
  });
  // Chromium reuses an idle keep-alive socket for the next POST; when Node closed it at the same
  // moment (default 5 s), the POST fails as "nicht erreichbar" and is not retried. On a loaded
  // machine that race is common: keep idle sockets open much longer than the browser does.
  server.keepAliveTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  options.logger.info({ event: 'bridge.listening', port }, 'browser bridge listening');

  return {
    url: `${origin}/`,
    launchUrl: `${origin}${LAUNCH_PATH}${launchCodeAtStart}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
