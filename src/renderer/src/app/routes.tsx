import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  redirect,
} from '@tanstack/react-router';
import { AppointmentsPage } from '../features/appointments/AppointmentsPage';
import { CaseloadPage } from '../features/caseload/CaseloadPage';
import { CaseOverviewSection } from '../features/case-workspace/CaseOverviewSection';
import { CaseWorkspaceLayout } from '../features/case-workspace/CaseWorkspaceLayout';
import { MeasuresSection } from '../features/case-workspace/MeasuresSection';
import { NotesContactsSection } from '../features/notes/NotesContactsSection';
import { IntakePage } from '../features/intake/IntakePage';
import { AppointmentsSection } from '../features/appointments-case/AppointmentsSection';
import { ImplementationSection } from '../features/case-workspace/ImplementationSection';
import { GoalSection } from '../features/goals/GoalSection';
import { ProfilingSection } from '../features/profiling/ProfilingSection';
import { StrategiesSection } from '../features/strategies/StrategiesSection';
import { OwnEffortsSection } from '../features/own-efforts/OwnEffortsSection';
import { PlanSection } from '../features/case-workspace/PlanSection';
import { QualityPage } from '../features/quality/QualityPage';
import { QualityCasesPage } from '../features/quality/QualityCasesPage';
import { SamplesPage } from '../features/quality/SamplesPage';
import { AuditPage } from '../features/quality/AuditPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { OutreachPage } from '../features/outreach/OutreachPage';
import { AppFrame, NotFoundPage } from './AppFrame';
import {
  appointmentsSearchSchema,
  caseloadSearchSchema,
  measuresSearchSchema,
  qualityCasesSearchSchema,
  qualitySearchSchema,
} from './route-params';

/**
 * The route tree of Lotse (TanStack Router, code-based, hash history so deep links and reloads
 * work offline from file/app URLs: #/faelle/<id>, #/termine/<JJJJ-MM-TT>).
 *
 * Add a screen: one `createRoute` here (parent, path, component, `staticData.title` for the window
 * title, `validateSearch` with a zod schema from route-params.ts when it has search parameters),
 * list it in `routeTree`, and put the component in its own file under features/. Navigation entries
 * live in AppFrame.tsx (NAV_ITEMS).
 *
 * Add a case workspace section: one child of `caseRoute` here, e.g.
 *   const caseProfilingRoute = createRoute({ getParentRoute: () => caseRoute, path: 'profil',
 *     component: ProfilingSection });
 * add it to caseRoute.addChildren([...]), and one entry in features/case-workspace/sections.ts
 * (label + path, shown in the workspace's section navigation). The section component gets the case
 * with `useCaseDetail()` (features/case-workspace/case-detail.ts); the header stays in the layout.
 */
export const rootRoute = createRootRoute({
  component: AppFrame,
  notFoundComponent: NotFoundPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/faelle', replace: true });
  },
});

export const caseloadRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/faelle',
  validateSearch: caseloadSearchSchema,
  staticData: { title: 'Fälle' },
  component: CaseloadPage,
});

/** Aufnahme: a new person with case and household, after the duplicate check. */
export const intakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/aufnahme',
  staticData: { title: 'Aufnahme' },
  component: IntakePage,
});

/** Layout of one case: header (person, status, phase stepper, section navigation) + <Outlet/>. */
export const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/faelle/$caseId',
  staticData: { title: 'Fall' },
  component: CaseWorkspaceLayout,
});

/** Überblick: person, household, target groups, appointments, notes. */
export const caseOverviewRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: '/',
  component: CaseOverviewSection,
});

/** Maßnahmen: the case's measures, their status, and the assignment wizard. */
export const caseMeasuresRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'massnahmen',
  validateSearch: measuresSearchSchema,
  component: MeasuresSection,
});

/** Vermerke & Kontakte: notes (write, edit; Gesundheit confidential) and the contact history. */
export const caseNotesRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'vermerke',
  component: NotesContactsSection,
});

/** Termine: the case's appointments (create, reschedule, attended/missed/cancelled). */
export const caseAppointmentsRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'termine',
  component: AppointmentsSection,
});

/** Phase 1: Potenzialanalyse (strengths first, needs, forecast, Profillage, versions). */
export const caseProfilingRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'profil',
  component: ProfilingSection,
});

/** Phase 2: Zielfestlegung (goal type, Zielberuf, intermediate goals). */
export const caseGoalRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'ziel',
  component: GoalSection,
});

/** Phase 3: Strategieauswahl (proposals per need, chosen strategies). */
export const caseStrategiesRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'strategien',
  component: StrategiesSection,
});

/** Phase 4: Umsetzung und Nachhaltung (what is done and missing). */
export const caseImplementationRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'umsetzung',
  component: ImplementationSection,
});

/** Eigenbemühungen: what, how often, which proof; the proofs against the agreed frequency. */
export const caseOwnEffortsRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'eigenbemuehungen',
  component: OwnEffortsSection,
});

/** Kooperationsplan: preview, what is missing, hand-over and the handed-over versions. */
export const casePlanRoute = createRoute({
  getParentRoute: () => caseRoute,
  path: 'plan',
  component: PlanSection,
});

export const appointmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/termine',
  validateSearch: appointmentsSearchSchema,
  staticData: { title: 'Termine' },
  component: AppointmentsPage,
});

export const appointmentsDayRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/termine/$day',
  validateSearch: appointmentsSearchSchema,
  staticData: { title: 'Termine' },
  component: AppointmentsPage,
});

/** Außentermin vorbereiten: appointments of an outreach day, readiness, consent forms, contacts. */
export const outreachRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/aussentermin',
  staticData: { title: 'Außentermin vorbereiten' },
  component: OutreachPage,
});

export const outreachDayRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/aussentermin/$day',
  staticData: { title: 'Außentermin vorbereiten' },
  component: OutreachPage,
});

/** Qualität: the dashboard of the quality rules (own caseload; ?bereich=team for team leads). */
const qualityRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/qualitaet',
  validateSearch: qualitySearchSchema,
  staticData: { title: 'Qualität' },
  component: QualityPage,
});

/** The cases behind a number of the dashboard (?kennzahl=…&regel=…&fachkraft=…&monat=…). */
const qualityCasesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/qualitaet/faelle',
  validateSearch: qualityCasesSearchSchema,
  staticData: { title: 'Qualität – Fälle' },
  component: QualityCasesPage,
});

/** Stichproben (team lead): draw a sample of a caseworker's cases, open the audits. */
const qualitySamplesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/qualitaet/stichproben',
  staticData: { title: 'Stichproben' },
  component: SamplesPage,
});

/** One audit of a sample: rubric, judgements, corrections. */
const qualityAuditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/qualitaet/stichproben/$auditId',
  staticData: { title: 'Fallprüfung' },
  component: AuditPage,
});

const syncRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/synchronisation',
  staticData: { title: 'Synchronisation' },
  component: SyncPage,
});

const settingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/einstellungen',
  staticData: { title: 'Einstellungen' },
  component: SettingsPage,
});

export const routeTree = rootRoute.addChildren([
  indexRoute,
  caseloadRoute,
  intakeRoute,
  caseRoute.addChildren([
    caseOverviewRoute,
    caseProfilingRoute,
    caseGoalRoute,
    caseStrategiesRoute,
    caseMeasuresRoute,
    casePlanRoute,
    caseImplementationRoute,
    caseOwnEffortsRoute,
    caseNotesRoute,
    caseAppointmentsRoute,
  ]),
  appointmentsRoute,
  appointmentsDayRoute,
  outreachRoute,
  outreachDayRoute,
  qualityRoute,
  qualityCasesRoute,
  qualitySamplesRoute,
  qualityAuditRoute,
  syncRoute,
  settingsRoute,
]);

export const router = createRouter({
  routeTree,
  history: createHashHistory(),
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
  interface StaticDataRouteOption {
    /** The window title of the screen ("<title> – Lotse"); a page may set a more specific one. */
    title?: string;
  }
}
