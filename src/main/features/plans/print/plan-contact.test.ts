import { describe, expect, it } from 'vitest';
import { DEMO_CONTACT, staticContactPort } from './plan-contact';

describe('the contact person port', () => {
  it('knows the demo caseworker by default and nobody else', () => {
    const port = staticContactPort();
    expect(port.contactFor('ifk-demo')).toEqual(DEMO_CONTACT);
    expect(port.contactFor('ifk-7')).toBeNull();
  });

  it('takes a list of caseworkers', () => {
    const port = staticContactPort({ 'ifk-7': { name: 'Herr Lehmann', phone: '03421 7744-17' } });
    expect(port.contactFor('ifk-7')).toEqual({ name: 'Herr Lehmann', phone: '03421 7744-17' });
    expect(port.contactFor('ifk-demo')).toBeNull();
  });
});
