/**
 * The sections of the case workspace, in the order of the section navigation under the header.
 * Each `to` is a child route of '/faelle/$caseId' in app/routes.tsx. Add a section: a route there,
 * one line here.
 */
export const CASE_SECTIONS = [{ to: '/faelle/$caseId', label: 'Überblick', exact: true }] as const;
