import type { Plugin } from 'vite';
import { metaContentSecurityPolicy, withMetaCsp } from './security-policy';

/**
 * Vite plugin for the renderer: writes the meta CSP of index.html from security-policy.ts. The
 * build gets the strict policy (connect-src 'self' only, like the header); the dev server keeps its
 * own loopback origin for hot reload.
 */
export function rendererCspPlugin(): Plugin {
  return {
    name: 'lotse-renderer-csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const dev = ctx.server?.resolvedUrls?.local[0]?.replace(/\/$/, '');
        const csp = ctx.server
          ? metaContentSecurityPolicy({ devServerOrigin: dev ?? 'http://localhost:5173' })
          : metaContentSecurityPolicy();
        return withMetaCsp(html, csp);
      },
    },
  };
}
