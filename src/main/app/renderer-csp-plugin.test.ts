import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexHtmlTransformContext, IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { rendererCspPlugin } from './renderer-csp-plugin';
import { contentSecurityPolicy, metaContentSecurityPolicy } from './security-policy';

const source = readFileSync(resolve('src/renderer/index.html'), 'utf8');

function transform(ctx: Partial<IndexHtmlTransformContext>): string {
  const hook = rendererCspPlugin().transformIndexHtml as { handler: IndexHtmlTransformHook };
  return hook.handler.call({} as never, source, ctx as IndexHtmlTransformContext) as string;
}

function metaCsp(html: string): string {
  return /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
}

describe('meta CSP of the built renderer (issue 14, item 12)', () => {
  it('the build ships the header policy: connect-src to itself only, no localhost', () => {
    const csp = metaCsp(transform({ path: '/index.html', filename: 'index.html' }));
    expect(csp).toBe(metaContentSecurityPolicy());
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/localhost|127\.0\.0\.1|\*/);
    expect(csp).not.toContain('frame-ancestors');
    // every directive of the header CSP except frame-ancestors (not valid in a meta element)
    const header = contentSecurityPolicy()
      .split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'));
    expect(csp.split('; ')).toEqual(header);
  });

  it('the source index.html itself is already strict', () => {
    expect(metaCsp(source)).not.toMatch(/localhost|\*/);
  });

  it('only the dev server gets its own loopback origin for hot reload', () => {
    const csp = metaCsp(
      transform({
        path: '/index.html',
        filename: 'index.html',
        server: { resolvedUrls: { local: ['http://localhost:5173/'], network: [] } } as never,
      }),
    );
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
  });
});
