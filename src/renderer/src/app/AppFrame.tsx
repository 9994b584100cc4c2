import { AppShell, Badge, Box, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconRefresh, IconSettings, IconUsers } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { AppointmentsPage } from '../features/appointments/AppointmentsPage';
import { CaseloadPage } from '../features/caseload/CaseloadPage';
import { CaseWorkspacePage } from '../features/case-workspace/CaseWorkspacePage';
import { QualityPage } from '../features/quality/QualityPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { hrefFor, ROUTES, useLocation, type RoutePath } from './router';

const ICONS: Record<RoutePath, ReactNode> = {
  faelle: <IconUsers size={20} aria-hidden />,
  termine: <IconCalendarEvent size={20} aria-hidden />,
  qualitaet: <IconChecklist size={20} aria-hidden />,
  synchronisation: <IconRefresh size={20} aria-hidden />,
  einstellungen: <IconSettings size={20} aria-hidden />,
};

function Page({ section, rest }: { section: RoutePath; rest: readonly string[] }) {
  switch (section) {
    case 'faelle':
      return rest[0] ? <CaseWorkspacePage key={rest[0]} caseId={rest[0]} /> : <CaseloadPage />;
    case 'termine':
      return rest[0] ? <AppointmentsPage key={rest[0]} day={rest[0]} /> : <AppointmentsPage />;
    case 'qualitaet':
      return <QualityPage />;
    case 'synchronisation':
      return <SyncPage />;
    case 'einstellungen':
      return <SettingsPage />;
  }
}

/** The frame around every screen: header, navigation, skip link, main landmark. */
export function AppFrame(props: { headerActions?: ReactNode; demo?: boolean }) {
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const label = ROUTES.find((r) => r.path === location.section)?.label ?? 'Lotse';

  useEffect(() => {
    document.title = `${label} – Lotse`;
    // Moving between screens: put the keyboard focus on the new content (screen readers announce it).
    if (document.activeElement && document.activeElement !== document.body) mainRef.current?.focus();
  }, [label, location.rest]);

  return (
    <>
      <a
        className="skip-link"
        href="#inhalt"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Zum Inhalt springen
      </a>
      <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Title order={2} size="h3" c="lotse.9">
                Lotse
              </Title>
              <Text size="sm" c="dark.6" visibleFrom="sm">
                Jobcenter Nordsachsen
              </Text>
              {props.demo ? (
                <Badge
                  color="#9c3b00"
                  variant="outline"
                  title="Es werden ausschließlich erfundene Demodaten angezeigt."
                >
                  Demodaten
                </Badge>
              ) : null}
            </Group>
            <Group gap="sm" wrap="nowrap">
              {props.headerActions}
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Hauptnavigation" component="nav">
          <Stack gap={4}>
            {ROUTES.map((route) => {
              const active = route.path === location.section;
              return (
                <NavLink
                  key={route.path}
                  href={hrefFor(route.path)}
                  label={route.label}
                  leftSection={ICONS[route.path]}
                  active={active}
                  variant="filled"
                  aria-current={active ? 'page' : undefined}
                />
              );
            })}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Box component="main" id="inhalt" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
            <ErrorBoundary resetKey={[location.section, ...location.rest].join('/')}>
              <Page section={location.section} rest={location.rest} />
            </ErrorBoundary>
          </Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
