/** The four offices (Standorte) of Jobcenter Nordsachsen. Oschatz is the head office. */
export const OFFICES = [
  { id: 'office-oschatz', name: 'Oschatz', headOffice: true },
  { id: 'office-delitzsch', name: 'Delitzsch', headOffice: false },
  { id: 'office-eilenburg', name: 'Eilenburg', headOffice: false },
  { id: 'office-torgau', name: 'Torgau', headOffice: false },
] as const;

export type OfficeId = (typeof OFFICES)[number]['id'];
export const OFFICE_IDS = OFFICES.map((o) => o.id) as [OfficeId, ...OfficeId[]];

export function officeName(id: OfficeId): string {
  return OFFICES.find((o) => o.id === id)?.name ?? id;
}
