/**
 * The four offices (Standorte) of Jobcenter Nordsachsen, ONE vocabulary for the local tables, the
 * wire, the server and the renderer. Oschatz is the head office. `code` prefixes case numbers.
 */
export const OFFICES = [
  { id: 'oschatz', code: 'OSZ', name: 'Oschatz', headOffice: true },
  { id: 'delitzsch', code: 'DZ', name: 'Delitzsch', headOffice: false },
  { id: 'eilenburg', code: 'EB', name: 'Eilenburg', headOffice: false },
  { id: 'torgau', code: 'TO', name: 'Torgau', headOffice: false },
] as const;

export type OfficeId = (typeof OFFICES)[number]['id'];
export const OFFICE_IDS = OFFICES.map((o) => o.id) as [OfficeId, ...OfficeId[]];

export function isOfficeId(value: string): value is OfficeId {
  return (OFFICE_IDS as readonly string[]).includes(value);
}

/** The office's name by id ('oschatz' -> 'Oschatz'), e.g. as the labels of a choice of office. */
export const OFFICE_NAMES = Object.fromEntries(OFFICES.map((o) => [o.id, o.name])) as Readonly<
  Record<OfficeId, string>
>;

export function officeName(id: OfficeId): string {
  return Object.hasOwn(OFFICE_NAMES, id) ? OFFICE_NAMES[id] : id;
}

export function officeCode(id: OfficeId): string {
  return OFFICES.find((o) => o.id === id)?.code ?? 'XX';
}
