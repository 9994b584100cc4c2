import { describe, expect, it } from 'vitest';
import {
  REFERENCE_DOCUMENTS,
  RESOURCE_PARSERS,
  referenceDocumentSpec,
  validateReferenceDocument,
} from './reference-data';

describe('reference documents', () => {
  it('every document has a parser and its shipped content is valid', () => {
    for (const doc of REFERENCE_DOCUMENTS) {
      expect(RESOURCE_PARSERS[doc.resource], doc.resource).toBeTypeOf('function');
      expect(validateReferenceDocument(doc.key, doc.shipped), doc.key).toEqual({ ok: true });
    }
    expect(new Set(REFERENCE_DOCUMENTS.map((d) => d.key)).size).toBe(REFERENCE_DOCUMENTS.length);
    expect(Object.keys(RESOURCE_PARSERS).sort()).toEqual(REFERENCE_DOCUMENTS.map((d) => d.resource).sort());
  });

  it('refuses unknown keys and malformed content with readable problems', () => {
    expect(validateReferenceDocument('templates', {})).toEqual({
      ok: false,
      problems: ['Unbekannte Referenzdaten „templates“.'],
    });
    const result = validateReferenceDocument('quality-rules', { version: '1', rules: 'keine' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatch(/^rules: /);
    expect(referenceDocumentSpec('measure-catalogue')?.title).toBe('Maßnahmekatalog');
  });

  it('parser errors other than data errors are not swallowed', () => {
    const spec = REFERENCE_DOCUMENTS[0]!;
    const original = RESOURCE_PARSERS[spec.resource]!;
    (RESOURCE_PARSERS as Record<string, unknown>)[spec.resource] = () => {
      throw new TypeError('boom');
    };
    try {
      expect(() => validateReferenceDocument(spec.key, {})).toThrow('boom');
    } finally {
      (RESOURCE_PARSERS as Record<string, unknown>)[spec.resource] = original;
    }
  });
});
