import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { forwardRef } from 'react';

/** A required passphrase field whose show/hide button is named after the field for screen readers. */
export const PassphraseInput = forwardRef<HTMLInputElement, PasswordInputProps & { label: string }>(
  function PassphraseInput(props, ref) {
    return (
      <PasswordInput
        ref={ref}
        required
        visibilityToggleButtonProps={{ 'aria-label': `${props.label} anzeigen oder verbergen` }}
        {...props}
      />
    );
  },
);
