/** Notes (Vermerke). Health notes are restricted: never printed, shown only to the case's caseworkers. */
import { z } from 'zod';
import { recordIdSchema } from '../common/schemas';

export const NOTE_CATEGORIES = [
  'Beratung',
  'Vermittlung',
  'Maßnahme',
  'Gesundheit',
  'Leistung',
  'JVA',
  'Sonstiges',
] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

/** Categories whose notes are always restricted, whatever the author chose. */
export const RESTRICTED_CATEGORIES: readonly NoteCategory[] = ['Gesundheit'];

export const noteShapeSchema = z.object({
  id: recordIdSchema,
  caseId: recordIdSchema,
  category: z.enum(NOTE_CATEGORIES, { error: 'Bitte eine Kategorie wählen.' }),
  title: z
    .string({ error: 'Bitte einen Titel angeben.' })
    .trim()
    .min(1, { message: 'Bitte einen Titel angeben.' })
    .max(200, { message: 'Der Titel darf höchstens 200 Zeichen lang sein.' }),
  body: z.string().max(50_000, { message: 'Der Vermerk darf höchstens 50.000 Zeichen lang sein.' }),
  restricted: z.boolean().default(false),
  writtenAt: z.iso.datetime({ offset: true }),
  authorId: recordIdSchema,
});

/** Whether a note of this category with this choice is restricted: Gesundheit always is. */
export function noteIsRestricted(n: { readonly category: string; readonly restricted: boolean }): boolean {
  return n.restricted || (RESTRICTED_CATEGORIES as readonly string[]).includes(n.category);
}

export const noteSchema = noteShapeSchema.transform((n) => ({ ...n, restricted: noteIsRestricted(n) }));
export type Note = z.output<typeof noteSchema>;

/** Whether a note may appear on a printout (plan, export for the person): never when restricted. */
export function isPrintable(note: Pick<Note, 'restricted'>): boolean {
  return !note.restricted;
}
