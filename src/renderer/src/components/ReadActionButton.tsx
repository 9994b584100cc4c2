import { Button, type ButtonProps } from '@mantine/core';
import type { KeyboardEvent, MouseEvent } from 'react';

/**
 * A button for an action that only reads (open a stored PDF, print a copy), which stays usable in
 * a read-only case workspace. The team lead's workspace disables every form control in one
 * disabled fieldset (CaseWorkspaceLayout.tsx); a fieldset disables form controls only, so this
 * renders a link with the role of a button: focusable, Enter and Space activate it, and while it
 * is loading it is announced as busy and does nothing. Use it for reads only, never for a write.
 */
export function ReadActionButton(
  props: Omit<ButtonProps, 'component'> & { onClick: () => void; 'aria-label'?: string },
) {
  const { onClick, loading, ...rest } = props;
  const activate = (event: MouseEvent | KeyboardEvent) => {
    event.preventDefault();
    if (!loading) onClick();
  };
  return (
    <Button
      {...rest}
      component="a"
      href="#"
      role="button"
      loading={loading}
      aria-busy={loading || undefined}
      onClick={activate}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === ' ') activate(event);
      }}
    />
  );
}
