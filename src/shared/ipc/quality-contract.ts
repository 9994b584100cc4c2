/**
 * The quality dashboard (issue 15 item 1): the figures for a scope (own caseload, or the team for a
 * team lead) and the cases behind each figure (drill-down). Read-only channels.
 */
import { z } from 'zod';
import { casesEntity, personsEntity } from '../entities/index';
import { recordIdSchema } from '../domain/common/schemas';
import { qualityDashboardSchema, qualityDrillDownSchema } from '../domain/quality/quality-dashboard';
import { qualityFindingSchema } from '../domain/quality/quality-rules';
import { PdfDto } from './outreach-contract';

export const QUALITY_SCOPES = ['own', 'team'] as const;
export type QualityScope = (typeof QUALITY_SCOPES)[number];
const Scope = z.enum(QUALITY_SCOPES, { error: 'Bitte „eigener Bestand“ oder „Team“ wählen.' });

export const QualityDashboardDto = qualityDashboardSchema.extend({
  scope: Scope,
  /** The signed-in user (the own column of the per-caseworker table). */
  userId: z.string(),
  /** Whether the team scope is offered (team leads). */
  teamScopeAllowed: z.boolean(),
});
export type QualityDashboardDto = z.infer<typeof QualityDashboardDto>;

export const QualityCaseRowDto = z.object({
  caseId: recordIdSchema,
  caseNumber: casesEntity.fields.caseNumber.schema,
  firstName: personsEntity.fields.firstName.schema,
  lastName: personsEntity.fields.lastName.schema,
  caseworkerId: z.string(),
  phase: casesEntity.fields.phase.schema,
  nextReviewOn: casesEntity.fields.nextReviewOn.schema,
  /** The findings the drill-down is about (all of the case's without a rule or severity). */
  findings: z.array(qualityFindingSchema),
});
export type QualityCaseRowDto = z.infer<typeof QualityCaseRowDto>;

export const QualityCasesDto = z.object({
  /** The signed-in user (the caseworker column marks the own cases with „(Sie)“). */
  userId: z.string(),
  rows: z.array(QualityCaseRowDto),
});
export type QualityCasesDto = z.infer<typeof QualityCasesDto>;

export const qualityContract = {
  /** Without a scope: the role's own view (team leads: the team; everyone else: the own caseload). */
  'quality:dashboard': { input: z.strictObject({ scope: Scope.optional() }), output: QualityDashboardDto },
  'quality:cases': {
    input: z.strictObject({ scope: Scope, drillDown: qualityDrillDownSchema }),
    output: QualityCasesDto,
  },
  /** The dashboard as a printable PDF report (issue 15 item 3); the same scope rules. */
  'quality:report': { input: z.strictObject({ scope: Scope }), output: PdfDto },
} as const;
