import {
  QueryClient,
  queryOptions,
  useMutation,
  useQueryClient,
  type Query,
  type UseMutationOptions,
} from '@tanstack/react-query';
import type { IpcChannel, IpcIn, IpcOut } from '../../../shared/ipc/contract';
import { call, type ApiError } from './client';

/**
 * TanStack Query over the IPC client.
 *
 * Reading: `useQuery(ipcQueryOptions('cases:get', { caseId }))` – the query key is
 * `[channel, input]`, the query function is `call(channel, input)`. Render the result with
 * `<QueryView query={…}>` (components/QueryView.tsx): loader, German error and data, so no page
 * writes its own loading state.
 *
 * Writing: `const save = useIpcMutation('goals:create', { invalidates: ['goals:', 'cases:get'] })`
 * then `save.mutate(input)`. After success every cached query whose channel matches one of the
 * entries is refetched: an entry ending in ':' is a prefix ('cases:' = every cases:* channel),
 * anything else a channel name. Errors are ApiError (German message, field issues for forms:
 * forms/ipc-form.ts).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // IPC errors are answers (validation, not found, locked), not flaky networks: no retries.
        retry: false,
        // The local store is the source; a window focus does not make data stale.
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}

export type IpcQueryKey<C extends IpcChannel> = readonly [C, IpcIn<C> | null];

type InputArgs<C extends IpcChannel> = undefined extends IpcIn<C> ? [input?: IpcIn<C>] : [input: IpcIn<C>];

/** Query options for one IPC read: key [channel, input], function call(channel, input). */
export function ipcQueryOptions<C extends IpcChannel>(channel: C, ...args: InputArgs<C>) {
  const input = args[0];
  const queryKey: IpcQueryKey<C> = [channel, input ?? null];
  return queryOptions<IpcOut<C>, ApiError, IpcOut<C>, IpcQueryKey<C>>({
    queryKey,
    queryFn: () => (call as (c: C, i?: IpcIn<C>) => Promise<IpcOut<C>>)(channel, input),
  });
}

/** A channel name, or a prefix ending in ':' that stands for every channel starting with it. */
export type Invalidation = IpcChannel | `${string}:`;

/** Whether a cached query belongs to one of the invalidated channels (see ipcQueryOptions). */
export function matchesInvalidation(
  queryKey: readonly unknown[],
  invalidates: readonly Invalidation[],
): boolean {
  const channel = queryKey[0];
  if (typeof channel !== 'string') return false;
  return invalidates.some((entry) => (entry.endsWith(':') ? channel.startsWith(entry) : channel === entry));
}

export interface IpcMutationOptions<C extends IpcChannel> extends Omit<
  UseMutationOptions<IpcOut<C>, ApiError, IpcIn<C>>,
  'mutationFn'
> {
  /** Queries to refetch after success (channel names, or prefixes such as 'cases:'). */
  readonly invalidates?: readonly Invalidation[];
}

/** A write over IPC; refetches the listed queries after success (awaited before onSuccess resolves). */
export function useIpcMutation<C extends IpcChannel>(channel: C, options: IpcMutationOptions<C> = {}) {
  const queryClient = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation<IpcOut<C>, ApiError, IpcIn<C>>({
    ...rest,
    mutationFn: (input) => (call as (c: C, i?: IpcIn<C>) => Promise<IpcOut<C>>)(channel, input),
    onSuccess: async (...args) => {
      if (invalidates.length > 0) {
        await queryClient.invalidateQueries({
          predicate: (query: Query) => matchesInvalidation(query.queryKey, invalidates),
        });
      }
      await onSuccess?.(...args);
    },
  });
}
