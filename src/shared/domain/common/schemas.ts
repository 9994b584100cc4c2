/** Schema building blocks every domain record uses, with one set of German messages. */
import { z } from 'zod';

/** Ids of records and users everywhere in Lotse (local tables, sync, server). */
export const recordIdSchema = z
  .string({ error: 'Bitte eine Kennung angeben.' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'Die Kennung darf nur Buchstaben, Ziffern, - und _ enthalten.',
  });

/** Trimmed, non-empty text; `what` completes "Bitte … angeben." (e.g. 'den Vornamen'). */
export const requiredText = (what: string, max: number) =>
  z
    .string({ error: `Bitte ${what} angeben.` })
    .trim()
    .min(1, { message: `Bitte ${what} angeben.` })
    .max(max, { message: `Höchstens ${max.toLocaleString('de-DE')} Zeichen erlaubt.` });

/** Trimmed text that may be missing (null when not given). */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Höchstens ${max.toLocaleString('de-DE')} Zeichen erlaubt.` })
    .nullable()
    .default(null);
