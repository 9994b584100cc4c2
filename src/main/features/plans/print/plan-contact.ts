/**
 * The PlanContactPort: who is printed as the contact person in the letterhead of a Kooperationsplan
 * when the caseworker types nobody at the hand-over. The app asks it for the signed-in caseworker
 * (by user id; the name never comes from the renderer unasked). Until the sign-in delivers the user's
 * name and direct line, the default knows only the demo caseworker of the demo data ('ifk-demo').
 */
import type { PlanContactPerson } from '../../../../shared/domain/plan/plan-document';

export interface PlanContactPort {
  /** The contact person for this caseworker, or null (then the office's phone and e-mail are printed). */
  contactFor(actorId: string): PlanContactPerson | null;
}

/** The demo caseworker of the demo data (a made-up person; phone and e-mail: those of the office). */
export const DEMO_CONTACT: PlanContactPerson = { name: 'Anja Hentschel', phone: null, email: null };

/** A port over a fixed list of caseworkers (the default: the demo caseworker only). */
export function staticContactPort(
  contacts: Readonly<Record<string, PlanContactPerson>> = { 'ifk-demo': DEMO_CONTACT },
): PlanContactPort {
  return { contactFor: (actorId) => contacts[actorId] ?? null };
}
