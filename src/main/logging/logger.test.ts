import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logger', () => {
  it('redacts personal fields even when a caller logs them by mistake', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        event: 'test',
        caseId: 'c-1',
        person: { firstName: 'Jürgen', lastName: 'Müller', birthDate: '1970-01-01' },
        note: { text: 'Schuldnerberatung vereinbart' },
        vault: { passphrase: 'Elbwiesen bei Torgau' },
      },
      'message',
    );
    const out = lines.join('');
    expect(out).toContain('c-1');
    for (const secret of ['Jürgen', 'Müller', '1970-01-01', 'Schuldnerberatung', 'Elbwiesen'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[entfernt]');
  });
});
