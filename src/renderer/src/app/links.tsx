import {
  Anchor,
  Button,
  NavLink,
  type AnchorProps,
  type ButtonProps,
  type NavLinkProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef, type AnchorHTMLAttributes } from 'react';

/**
 * Mantine components as type-checked router links: `to` and `params` are checked against the
 * route tree (app/routes.tsx), e.g. `<RouterAnchor to="/faelle/$caseId" params={{ caseId }}>`.
 * An active link gets aria-current="page" from the router.
 */
type AnchorAttrs = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'>;

const AnchorLink = forwardRef<HTMLAnchorElement, AnchorProps & AnchorAttrs>(function AnchorLink(props, ref) {
  return <Anchor component="a" ref={ref} {...props} />;
});
export const RouterAnchor = createLink(AnchorLink);

const ButtonLink = forwardRef<HTMLAnchorElement, ButtonProps & AnchorAttrs>(function ButtonLink(props, ref) {
  return <Button component="a" ref={ref} {...props} />;
});
export const RouterButton = createLink(ButtonLink);

const NavLinkLink = forwardRef<HTMLAnchorElement, NavLinkProps & AnchorAttrs>(
  function NavLinkLink(props, ref) {
    return <NavLink component="a" ref={ref} {...props} />;
  },
);
export const RouterNavLink = createLink(NavLinkLink);
