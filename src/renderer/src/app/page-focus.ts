import { useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

/** The path whose heading already got the focus (module-wide: one focus per navigation). */
let handledPath: string | undefined;

/**
 * Focus management after navigation: returns a ref for the page's H1 (tabIndex={-1}). When the
 * path changed since the last page heading was focused, the heading takes the keyboard focus as
 * soon as it is rendered (also when it appears only after its data loaded), so keyboard and
 * screen-reader users start reading at the new page. The first page after start or unlock keeps
 * the browser's focus; changes of search parameters only (typing in a search box) move nothing.
 *
 * It follows the router's resolved location, which changes only once the new page is mounted
 * (the plain location changes while the old page is still on screen, which must not take the
 * focus). Call it in the component that always renders the heading (components/PageHeader.tsx:
 * `PageHeading`), not in one that first shows a loader: the check runs when the heading mounts.
 */
export function usePageHeadingFocus<T extends HTMLElement = HTMLHeadingElement>() {
  const pathname = useRouterState({ select: (s) => s.resolvedLocation?.pathname });
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!ref.current || pathname === undefined) return;
    if (handledPath === undefined) {
      handledPath = pathname;
      return;
    }
    if (handledPath === pathname) return;
    handledPath = pathname;
    // the focus moves, the view does not: the router decides where the page is scrolled
    ref.current.focus({ preventScroll: true });
  }, [pathname]);
  return ref;
}
