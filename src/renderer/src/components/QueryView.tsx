import { Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../api/errors';
import { ErrorAlert } from './ErrorAlert';

/**
 * Renders one query: a labelled loader while the first answer is pending, the German error in an
 * ErrorAlert (`errorTitle`, message from the ApiError or `fallback`), else `children(data)`.
 * While a refetch runs the previous data stays visible; a failed refetch shows its error above it.
 */
export function QueryView<T>(props: {
  query: UseQueryResult<T, unknown>;
  loadingLabel: string;
  errorTitle: string;
  fallback: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  const error = query.isError ? (
    <ErrorAlert title={props.errorTitle}>{describeError(query.error, props.fallback)}</ErrorAlert>
  ) : null;
  if (query.data === undefined) return error ?? <Loader aria-label={props.loadingLabel} />;
  return (
    <>
      {error}
      {props.children(query.data)}
    </>
  );
}
