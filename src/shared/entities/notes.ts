import { NOTE_CATEGORIES } from '../domain/case/note';
import { noteIsRestricted, noteShapeSchema } from '../domain/case/note';
import { defineEntity, field as f } from './define';

const s = noteShapeSchema.shape;

/**
 * Der Vermerk. The body is free text (three-way merged on concurrent edits). A note of category
 * Gesundheit is always restricted: never shown to team leads, never printed, never searched.
 */
export const notesEntity = defineEntity({
  name: 'notes',
  label: 'Vermerk',
  fields: {
    category: f.text(s.category),
    title: f.text(s.title),
    body: f.text(s.body, { policy: 'text-merge' }),
    restricted: f.boolean(s.restricted),
    writtenAt: f.text(s.writtenAt, { policy: 'set-once' }),
    authorId: f.text(s.authorId, { policy: 'set-once' }),
  },
  fieldLabels: {
    category: 'Kategorie',
    title: 'Titel',
    body: 'Text',
    restricted: 'Vertraulich',
    writtenAt: 'Geschrieben am',
    authorId: 'Verfasst von',
  },
  // the categories are German words already
  valueLabels: { category: Object.fromEntries(NOTE_CATEGORIES.map((c) => [c, c])) },
  normalize: (r) =>
    typeof r['category'] === 'string'
      ? {
          ...r,
          restricted: noteIsRestricted({ category: r['category'], restricted: r['restricted'] === true }),
        }
      : r,
  isRestricted: (r) =>
    r['restricted'] === true ||
    (typeof r['category'] === 'string' && noteIsRestricted({ category: r['category'], restricted: false })),
});
