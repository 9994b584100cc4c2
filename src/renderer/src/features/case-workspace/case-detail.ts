import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';

/** The case id of the current address (#/faelle/$caseId/…). */
export function useCaseId(): string {
  return useParams({ from: '/faelle/$caseId', select: (p) => p.caseId });
}

/** cases:get of the case in the address, as a query (used by the workspace layout). */
export function useCaseDetailQuery() {
  return useQuery(ipcQueryOptions('cases:get', { caseId: useCaseId() }));
}

/**
 * The case for a workspace section. Sections render only after the layout has the case, so this
 * never waits; it stays current when a write invalidates 'cases:get'.
 */
export function useCaseDetail(): CaseDetailDto {
  return useSuspenseQuery(ipcQueryOptions('cases:get', { caseId: useCaseId() })).data;
}
