import { Button, Group, type GroupProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import { ErrorAlert } from './ErrorAlert';

/**
 * The buttons that decide an open item (a sync conflict, a possible duplicate): one per choice,
 * by its label; `loading` says which buttons show that the decision is being saved. `children`
 * adds further buttons after them.
 */
export function DecisionButtons<T extends string>(
  props: Omit<GroupProps, 'children'> & {
    choices: readonly { readonly value: T; readonly label: string }[];
    onDecide: (value: T) => void;
    loading: (value: T) => boolean;
    children?: ReactNode;
  },
) {
  const { choices, onDecide, loading, children, ...group } = props;
  return (
    <Group {...group}>
      {choices.map((c) => (
        <Button key={c.value} variant="default" loading={loading(c.value)} onClick={() => onDecide(c.value)}>
          {c.label}
        </Button>
      ))}
      {children}
    </Group>
  );
}

/** The error of a decision that was not saved (a mutation's `error`); nothing without one. */
export function DecisionError(props: { error: unknown }) {
  if (props.error === null || props.error === undefined) return null;
  return (
    <ErrorAlert title="Entscheidung nicht gespeichert">
      {describeError(props.error, 'Die Entscheidung konnte nicht gespeichert werden.')}
    </ErrorAlert>
  );
}
