import { AppShell, Badge, Burger, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconCalendarEvent,
  IconChecklist,
  IconMapPin,
  IconRefresh,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useMatches, useRouterState } from '@tanstack/react-router';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageHeader } from '../components/PageHeader';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { RouterAnchor, RouterNavLink } from './links';

/** The top-level sections in the navigation. */
const NAV_ITEMS = [
  { to: '/faelle', label: 'Fälle', icon: <IconUsers size={20} aria-hidden /> },
  { to: '/termine', label: 'Termine', icon: <IconCalendarEvent size={20} aria-hidden /> },
  { to: '/aussentermin', label: 'Außentermin', icon: <IconMapPin size={20} aria-hidden /> },
  { to: '/qualitaet', label: 'Qualität', icon: <IconChecklist size={20} aria-hidden /> },
  { to: '/synchronisation', label: 'Synchronisation', icon: <IconRefresh size={20} aria-hidden /> },
  { to: '/einstellungen', label: 'Einstellungen', icon: <IconSettings size={20} aria-hidden /> },
] as const;

export interface FrameOptions {
  readonly headerActions?: ReactNode;
  readonly demo?: boolean;
}

/** What the app around the router (vault, app info) puts into the frame's header. */
export const FrameOptionsContext = createContext<FrameOptions>({});

/**
 * The frame around every screen (root route): header, navigation (collapsed behind a menu button
 * on narrow windows and at 200 % zoom), skip link, the one main landmark with the route's page.
 */
export function AppFrame() {
  const options = useContext(FrameOptionsContext);
  const mainRef = useRef<HTMLElement>(null);
  const [navOpen, nav] = useDisclosure(false);
  // Below the breakpoint the closed navigation is off screen: keep it out of Tab order and reading.
  const narrow = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const navHidden = narrow === true && !navOpen;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const title = useMatches({
    select: (matches) => matches.findLast((m) => m.staticData.title)?.staticData.title,
  });

  useEffect(() => {
    document.title = `${title ?? 'Lotse'} – Lotse`;
  }, [title, pathname]);

  // On a narrow window the opened navigation closes once a destination was chosen.
  const closeNav = nav.close;
  useEffect(() => closeNav(), [pathname, closeNav]);

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
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpen}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpen ? 'Navigation schließen' : 'Navigation öffnen'}
                aria-expanded={navOpen}
                aria-controls="hauptnavigation"
              />
              <Title order={2} size="h3" c="lotse.9">
                Lotse
              </Title>
              <Text size="sm" c="dark.6" visibleFrom="md">
                Jobcenter Nordsachsen
              </Text>
              {options.demo ? (
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
              <SyncIndicator />
              {options.headerActions}
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar
          p="sm"
          aria-label="Hauptnavigation"
          component="nav"
          id="hauptnavigation"
          inert={navHidden}
          style={navHidden ? { visibility: 'hidden' } : undefined}
        >
          <Stack gap={4}>
            {NAV_ITEMS.map((item) => (
              <RouterNavLink
                key={item.to}
                to={item.to}
                label={item.label}
                leftSection={item.icon}
                variant="filled"
                activeProps={{ active: true }}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main id="inhalt" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
          <ErrorBoundary resetKey={pathname}>
            <Outlet />
          </ErrorBoundary>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Seite nicht gefunden" description="Diese Adresse gibt es in Lotse nicht." />
      <RouterAnchor to="/faelle">Zum Fallbestand</RouterAnchor>
    </>
  );
}
