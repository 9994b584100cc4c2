/**
 * The sections of the case workspace, in the order of the section navigation under the header.
 * Each `to` is a child route of '/faelle/$caseId' in app/routes.tsx. Add a section: a route there,
 * one line here.
 */
export const CASE_SECTIONS = [
  { to: '/faelle/$caseId', label: 'Überblick', exact: true },
  { to: '/faelle/$caseId/profil', label: 'Profiling', exact: false },
  { to: '/faelle/$caseId/ziel', label: 'Ziel', exact: false },
  { to: '/faelle/$caseId/strategien', label: 'Strategien', exact: false },
  { to: '/faelle/$caseId/massnahmen', label: 'Maßnahmen', exact: false },
  { to: '/faelle/$caseId/plan', label: 'Kooperationsplan', exact: false },
  { to: '/faelle/$caseId/umsetzung', label: 'Umsetzung', exact: false },
  { to: '/faelle/$caseId/eigenbemuehungen', label: 'Eigenbemühungen', exact: false },
  { to: '/faelle/$caseId/vermerke', label: 'Vermerke & Kontakte', exact: false },
  { to: '/faelle/$caseId/termine', label: 'Termine', exact: false },
] as const;

/** The section of each 4PM phase (the phase stepper links there). */
export const PHASE_SECTIONS = {
  1: '/faelle/$caseId/profil',
  2: '/faelle/$caseId/ziel',
  3: '/faelle/$caseId/strategien',
  4: '/faelle/$caseId/umsetzung',
} as const;
