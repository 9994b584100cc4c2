import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('server config', () => {
  it('starts with no configuration (PGlite, loopback)', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 8787, ACCESS_TOKEN_TTL_SECONDS: 900 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('refuses invalid values with a readable message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TOKEN_SECRET: 'short' })).toThrow(/TOKEN_SECRET/);
    expect(() => loadConfig({ TLS_CERT_FILE: '/a.crt' })).toThrow(/TLS/);
  });
});
