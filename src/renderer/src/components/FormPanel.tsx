import { Button, Group, Paper, Stack, Title, type MantineSpacing } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

/**
 * The frame of an inline form in a case section (a new contact, appointment, own effort, …): a
 * bordered form named for screen readers, its heading, the German message of a refused save
 * ("Nicht gespeichert") above the fields, then the fields. The browser's own validation is off:
 * the domain's checks speak German at the field. At the end the save button (busy while the write
 * runs) and „Abbrechen“ (or the given cancel label).
 */
export function FormPanel(props: {
  /** The form's accessible name. */
  readonly label: string;
  /** A visible heading (defaults to none: the label names the form). */
  readonly title?: string | undefined;
  readonly error?: string | null | undefined;
  readonly onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  /** Smaller padding, for a form inside a list row. */
  readonly compact?: boolean;
  readonly mt?: MantineSpacing;
  /** The save button's label ("Kontakt speichern") and whether the write is running. */
  readonly submit: { readonly label: string; readonly pending: boolean };
  readonly onCancel: () => void;
  /** The cancel button's label (default „Abbrechen“; „Schließen“ where „Abbrechen“ is an action). */
  readonly cancelLabel?: string;
  readonly children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      p={props.compact ? 'sm' : 'md'}
      radius={props.compact ? 'sm' : 'md'}
      mt={props.mt}
      component="form"
      noValidate
      onSubmit={props.onSubmit}
      aria-label={props.label}
    >
      <Stack gap="sm">
        {props.title ? (
          <Title order={3} size="h5">
            {props.title}
          </Title>
        ) : null}
        {props.error ? <ErrorAlert title="Nicht gespeichert">{props.error}</ErrorAlert> : null}
        {props.children}
        <Group>
          <Button type="submit" loading={props.submit.pending}>
            {props.submit.label}
          </Button>
          <Button variant="default" onClick={props.onCancel}>
            {props.cancelLabel ?? 'Abbrechen'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
