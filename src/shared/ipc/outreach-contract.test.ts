import { describe, expect, it } from 'vitest';
import { ConsentFormsInput, PreReleaseContactInput } from './outreach-contract';

const valid = {
  officeId: 'torgau',
  person: { firstName: 'Juergen', lastName: 'Mueller', birthDate: '1985-03-12', expectedReleaseDate: null },
  consent: { givenOn: '2026-12-01', form: 'schriftlich' },
  contact: { occurredAt: '2026-12-01T09:00:00.000Z', subject: 'Erstkontakt' },
};

describe('outreach inputs: hostile text is named at its field', () => {
  it.each([
    ['person.firstName', 'Juergen\u202Enegreuj', /Schreibrichtung/],
    ['contact.subject', 'Erst\u0007kontakt', /unzulässige Steuerzeichen/],
  ])('%s', (path, text, message) => {
    const [group, field] = path.split('.') as ['person' | 'contact', string];
    const input = { ...valid, [group]: { ...valid[group], [field]: text } };
    const result = PreReleaseContactInput.safeParse(input);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it('the consent forms: the place', () => {
    const result = ConsentFormsInput.safeParse({
      day: '2026-12-02',
      location: 'JVA\u202E Torgau',
      copies: 1,
      officeId: 'torgau',
    });
    expect(result.error?.issues[0]?.path).toEqual(['location']);
  });

  it('accepts the valid input', () => {
    expect(PreReleaseContactInput.safeParse(valid).success).toBe(true);
  });
});
