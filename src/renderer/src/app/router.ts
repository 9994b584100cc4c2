import { useEffect, useState } from 'react';

/** The top-level sections of Lotse, addressed by hash so reloads and deep links work offline. */
export const ROUTES = [
  { path: 'faelle', label: 'Fälle' },
  { path: 'termine', label: 'Termine' },
  { path: 'qualitaet', label: 'Qualität' },
  { path: 'synchronisation', label: 'Synchronisation' },
  { path: 'einstellungen', label: 'Einstellungen' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

export interface Location {
  readonly section: RoutePath;
  /** Path segments after the section, e.g. a case id. */
  readonly rest: readonly string[];
}

export function parseHash(hash: string): Location {
  const segments = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, ...rest] = segments;
  const route = ROUTES.find((r) => r.path === first);
  return route ? { section: route.path, rest } : { section: 'faelle', rest: [] };
}

export function hrefFor(section: RoutePath, ...rest: string[]): string {
  return `#/${[section, ...rest].map(encodeURIComponent).join('/')}`;
}

export function useLocation(): Location {
  const [location, setLocation] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setLocation(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return location;
}
