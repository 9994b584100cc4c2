import { Alert, Badge, Fieldset, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Outlet } from '@tanstack/react-router';
import { useEffect } from 'react';
import { describeError } from '../../api/errors';
import { isApiError } from '../../api/client';
import { caseIdProblem } from '../../app/route-params';
import { RouterAnchor } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CASE_STATUS_LABELS } from '../../components/format';
import { PageHeading } from '../../components/PageHeader';
import { lastCaseloadSearch } from '../caseload/caseload-memory';
import { useCaseDetailQuery, useCaseId } from './case-detail';
import { CaseFacts } from './CaseFacts';
import { PhaseStepper } from './PhaseStepper';
import { CASE_SECTIONS } from './sections';

function Unavailable({ children }: { children: string }) {
  return (
    <Stack>
      <BackLink />
      <PageHeading>Fall nicht verfügbar</PageHeading>
      <ErrorAlert title="Dieser Fall kann nicht geöffnet werden">{children}</ErrorAlert>
    </Stack>
  );
}

function BackLink() {
  return (
    <RouterAnchor to="/faelle" search={lastCaseloadSearch()} size="sm" w="fit-content">
      Zurück zum Fallbestand
    </RouterAnchor>
  );
}

/**
 * A team lead reads the case and writes nothing in it (the services and the server refuse it): the
 * workspace says so once, and every control of the stepper and the sections is disabled (one
 * fieldset, so no write button is left over, now or later). Actions that only read (a handed-over
 * plan's PDF, its reprint) are ReadActionButtons, which the fieldset leaves usable. Caseworkers get
 * the plain workspace.
 */
function ReadOnly(props: { readOnly: boolean; children: ReactNode }) {
  if (!props.readOnly) return <>{props.children}</>;
  return (
    <>
      <Alert variant="outline" color="lotse.9" title="Nur lesen" role="note">
        Als Teamleitung sehen Sie diesen Fall, ändern ihn aber nicht: Änderungen macht die zuständige
        Integrationsfachkraft. Hinweise geben Sie über die Fallprüfung (Qualität, Stichproben).
      </Alert>
      <Fieldset disabled variant="unstyled" aria-label="Fall (nur lesen)">
        <Stack gap="lg">{props.children}</Stack>
      </Fieldset>
    </>
  );
}

/**
 * One case, one workspace: the header (person, case, status, 4PM phase, section navigation) stays
 * while the sections (child routes, app/routes.tsx) change below it.
 */
export function CaseWorkspaceLayout() {
  const caseId = useCaseId();
  const problem = caseIdProblem(caseId);
  if (problem) return <Unavailable>{problem}</Unavailable>;
  return <LoadedWorkspace />;
}

function LoadedWorkspace() {
  const query = useCaseDetailQuery();
  const detail = query.data;

  useEffect(() => {
    if (detail) document.title = `${detail.summary.lastName}, ${detail.summary.firstName} – Lotse`;
  }, [detail]);

  if (!detail) {
    if (!query.isError) return <Loader aria-label="Fall wird geladen" />;
    const message =
      isApiError(query.error) && query.error.code === 'NOT_FOUND'
        ? 'Diesen Fall gibt es in Ihrem Bestand nicht (mehr). Vielleicht wurde er abgegeben oder der Link ist veraltet.'
        : describeError(query.error, 'Der Fall konnte nicht geladen werden.');
    return <Unavailable>{message}</Unavailable>;
  }

  const s = detail.summary;
  const p = detail.person;
  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={2}>
          <PageHeading>
            {s.lastName}, {s.firstName}
          </PageHeading>
          <Text c="dark.6">
            Fall {s.caseNumber} · Kundennummer {p.customerNumber} ·{' '}
            {detail.officeName ?? 'Standort unbekannt'}
          </Text>
        </Stack>
        <Badge size="lg" variant="outline" color={s.status === 'aktiv' ? 'lotse.9' : 'dark.6'}>
          Status: {CASE_STATUS_LABELS[s.status]}
        </Badge>
      </Group>

      <CaseFacts detail={detail} />
      <ReadOnly readOnly={!detail.mayWrite}>
        <PhaseStepper detail={detail} />

        {/* one line at 1280 px and wider (ten sections); wraps on narrower windows and when zoomed */}
        <Group component="nav" aria-label="Bereiche des Falls" gap="sm">
          {CASE_SECTIONS.map((section) => (
            <RouterAnchor
              key={section.to}
              fz="sm"
              to={section.to}
              params={{ caseId: s.caseId }}
              activeOptions={{ exact: section.exact }}
              activeProps={{ fw: 700, underline: 'always' }}
            >
              {section.label}
            </RouterAnchor>
          ))}
        </Group>

        <Outlet />
      </ReadOnly>
    </Stack>
  );
}
