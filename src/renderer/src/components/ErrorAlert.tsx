import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** An error the user must notice: announced to screen readers, red outline and a text title (not colour alone). */
export function ErrorAlert(props: { title: string; children: ReactNode }) {
  return (
    <Alert color="red.9" variant="outline" role="alert" title={props.title}>
      {props.children}
    </Alert>
  );
}
