import { z } from 'zod';
import type { IpcChannelName } from './channels';
import { recordIdSchema } from '../domain/common/schemas';
import { casesEntity, personsEntity } from '../entities/index';
import { syncContract } from './sync-contract';
import { outreachContract } from './outreach-contract';
import { AppointmentDto, CaseDto, HouseholdDto, NoteDto, PersonDto, writeContract } from './write-contract';
import { planPrintContract } from './plan-print-contract';
import { CASE_STATUSES } from '../domain/case/case';
import { TARGET_GROUPS } from '../domain/case/target-groups';
import { isoDateSchema } from '../domain/common/dates';
import { DayViewFilter, workspaceContract } from './workspace-contract';
import { SEARCH_FIELDS } from '../domain/common/search-fold';
import { PhaseProgressDto, planningReadContract } from './planning-read-contract';
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from '../security/passphrase-policy';
import { LoginSignInInput, LoginStateDto, VaultSelectUserInput } from './login-contract';
import { qualityContract } from './quality-contract';
import { qualityReviewContract } from './quality-review-contract';
import { directoryContract } from './directory-contract';

/** No input: the renderer calls the channel without an argument. */
const NoInput = z.undefined();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the desktop app, 'browser-bridge' in the test/dev bridge. */
  runtime: z.enum(['electron', 'browser-bridge']),
  platform: z.string(),
  locale: z.string(),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const VaultStatus = z.object({
  state: z.enum(['uninitialized', 'locked', 'unlocked']),
  /** Whether a quick unlock through the operating system's key store is offered. */
  quickUnlockAvailable: z.boolean(),
  /** Minutes of inactivity after which Lotse locks itself. */
  autoLockMinutes: z.number().int().positive(),
  /** Only while main waits after a wrong passphrase: seconds until the answer (and the next try). */
  unlockRetryInSeconds: z.number().int().positive().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

const Passphrase = z
  .string({ error: 'Bitte geben Sie Ihre Passphrase ein.' })
  .min(1, { error: 'Bitte geben Sie Ihre Passphrase ein.' })
  .max(MAX_PASSPHRASE_LENGTH, { error: `Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.` });

const NewPassphrase = z
  .string({ error: 'Bitte geben Sie eine neue Passphrase ein.' })
  .min(MIN_PASSPHRASE_LENGTH, {
    error: `Die Passphrase muss mindestens ${MIN_PASSPHRASE_LENGTH} Zeichen lang sein.`,
  })
  .max(MAX_PASSPHRASE_LENGTH, { error: `Höchstens ${MAX_PASSPHRASE_LENGTH} Zeichen.` });

export const VaultCreateInput = z
  .object({ passphrase: NewPassphrase, confirmation: z.string() })
  .strict()
  .refine((v) => v.passphrase === v.confirmation, {
    error: 'Die Wiederholung stimmt nicht mit der Passphrase überein.',
    path: ['confirmation'],
  });

export const VaultUnlockInput = z.object({ passphrase: Passphrase }).strict();

export const VaultChangePassphraseInput = z
  .object({ current: Passphrase, next: NewPassphrase, confirmation: z.string() })
  .strict()
  .refine((v) => v.next === v.confirmation, {
    error: 'Die Wiederholung stimmt nicht mit der neuen Passphrase überein.',
    path: ['confirmation'],
  });

/** Sign-in state of a desktop with a Lotse server, with the selected user's vault status. */
export const LoginStatus = LoginStateDto.extend({ vault: VaultStatus });
export type LoginStatus = z.infer<typeof LoginStatus>;

/** A real calendar date within the plausible range (2026-13-45 and 0000-00-00 are refused). */
const IsoDate = isoDateSchema;
const Id = recordIdSchema;
const CaseStatus = z.enum(CASE_STATUSES);

export const CaseListInput = z
  .object({
    /** Free text: name, customer number, case number, town or note text. */
    query: z.string().max(200, { error: 'Der Suchbegriff ist zu lang (höchstens 200 Zeichen).' }).optional(),
    status: CaseStatus.optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();

/** One row of the caseload: the case and its person, with the schemas of their definitions. */
const caseField = casesEntity.fields;
const personField = personsEntity.fields;
export const CaseSummary = z.object({
  caseId: recordIdSchema,
  caseNumber: caseField.caseNumber.schema,
  status: caseField.status.schema,
  phase: caseField.phase.schema,
  officeId: caseField.officeId.schema,
  personId: recordIdSchema,
  firstName: personField.firstName.schema,
  lastName: personField.lastName.schema,
  birthDate: personField.birthDate.schema,
  town: personField.town.schema,
  lastContactOn: caseField.lastContactOn.schema,
  nextReviewOn: caseField.nextReviewOn.schema,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseList = z.object({ items: z.array(CaseSummary), total: z.number().int() });
export type CaseList = z.infer<typeof CaseList>;

/** Search as you type: names before numbers before notes, each hit with the field it matched. */
export const CaseSearchInput = z
  .object({
    query: z
      .string({ error: 'Bitte einen Suchbegriff eingeben.' })
      .max(200, { error: 'Der Suchbegriff ist zu lang (höchstens 200 Zeichen).' }),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export const CaseSearchHit = CaseSummary.extend({ matchedField: z.enum(SEARCH_FIELDS) });
export type CaseSearchHit = z.infer<typeof CaseSearchHit>;

/** Columns "Mein Bestand" sorts by (each in German order, empty values last). */
export const CASELOAD_SORT_COLUMNS = [
  'name',
  'caseNumber',
  'phase',
  'nextAppointment',
  'targetGroups',
  'reviewDue',
  'findings',
  'office',
] as const;
export type CaseloadSortColumn = (typeof CASELOAD_SORT_COLUMNS)[number];

export const CaseloadInput = z
  .object({
    sort: z.enum(CASELOAD_SORT_COLUMNS).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    officeId: caseField.officeId.schema.optional(),
    phase: caseField.phase.schema.optional(),
    targetGroup: z.enum(TARGET_GROUPS).optional(),
    overdueReview: z.boolean().optional(),
    includeClosed: z.boolean().optional(),
  })
  .strict();
export type CaseloadInput = z.input<typeof CaseloadInput>;

export const CaseloadRowDto = z.object({
  caseId: recordIdSchema,
  personId: recordIdSchema,
  caseNumber: caseField.caseNumber.schema,
  status: caseField.status.schema,
  phase: caseField.phase.schema,
  officeId: caseField.officeId.schema,
  nextReviewOn: caseField.nextReviewOn.schema,
  firstName: personField.firstName.schema,
  lastName: personField.lastName.schema,
  birthDate: personField.birthDate.schema,
  caseNumberProvisional: z.boolean(),
  /** A colleague's case the signed-in caseworker substitutes for today. */
  substitute: z.boolean(),
  /** The next planned appointment; `day` is its calendar day at the offices (Europe/Berlin). */
  nextAppointment: z.object({ startsAt: z.string(), day: IsoDate }).nullable(),
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  reviewOverdue: z.boolean(),
  /** Open findings of the domain's quality rules. */
  findings: z.number().int().min(0),
});
export type CaseloadRowDto = z.infer<typeof CaseloadRowDto>;

const Counts = z.record(z.string(), z.number().int());
export const CaseloadDto = z.object({
  items: z.array(CaseloadRowDto),
  total: z.number().int(),
  counts: z.object({
    offices: Counts,
    phases: Counts,
    targetGroups: Counts,
    overdueReview: z.number().int(),
  }),
});
export type CaseloadDto = z.infer<typeof CaseloadDto>;

/** Records cross IPC in domain terms, derived from their one definition (src/shared/entities). */
export * from './write-contract';
export * from './planning-read-contract';
export * from './plan-print-contract';
export * from './workspace-contract';
export * from './sync-contract';
export * from './quality-contract';
export * from './quality-review-contract';
export * from './directory-contract';

export const CaseDetailDto = z.object({
  summary: CaseSummary,
  officeName: z.string().nullable(),
  /** The case number is provisional (handed out offline) until the server assigns the final one. */
  caseNumberProvisional: z.boolean(),
  case: CaseDto,
  person: PersonDto,
  household: HouseholdDto.nullable(),
  /** Target groups derived on the day of the request from what the local record knows. */
  targetGroups: z.array(z.object({ group: z.enum(TARGET_GROUPS), label: z.string(), reason: z.string() })),
  appointments: z.array(AppointmentDto),
  /** All notes of the case; restricted ones (Gesundheit) are marked and never printed. */
  notes: z.array(NoteDto),
  /** The phase stepper: phases 1–4 with what is complete and what is missing. */
  phases: z.array(PhaseProgressDto),
  /** Whether the signed-in user writes this case's records (caseworkers); team leads only read. */
  mayWrite: z.boolean(),
});
export type CaseDetailDto = z.infer<typeof CaseDetailDto>;

export const DayAppointment = AppointmentDto.and(
  z.object({
    personName: z.string(),
    caseNumber: z.string(),
    officeId: z.string().optional(),
    /** Held away from the office (JVA consultation day, home visit). */
    outreach: z.boolean().optional(),
  }),
);
export type DayAppointment = z.infer<typeof DayAppointment>;

/**
 * The ONLY renderer <-> main contract. Main parses every input with `input` before a feature sees
 * it, and every output with `output` (which also strips fields the renderer must not get).
 */
export const ipcContract = {
  'app:info': { input: NoInput, output: AppInfo },
  'vault:status': { input: NoInput, output: VaultStatus },
  'vault:create': { input: VaultCreateInput, output: VaultStatus },
  'vault:unlock': { input: VaultUnlockInput, output: VaultStatus },
  'vault:unlock-quick': { input: NoInput, output: VaultStatus },
  'vault:lock': { input: NoInput, output: VaultStatus },
  'vault:change-passphrase': { input: VaultChangePassphraseInput, output: VaultStatus },
  /** The user is active: postpones the auto-lock. */
  'vault:touch': { input: NoInput, output: z.null() },
  /** Which user's store the lock screen unlocks (desktops with a Lotse server). */
  'vault:select-user': { input: VaultSelectUserInput, output: LoginStatus },
  'login:status': { input: NoInput, output: LoginStatus },
  /** User name and password against the server; registers this device on the first sign-in. */
  'login:sign-in': { input: LoginSignInInput, output: LoginStatus },
  /** After the first sign-in of a user here: the passphrase of the user's new encrypted store. */
  'login:create-store': { input: VaultCreateInput, output: LoginStatus },
  /** Drops a sign-in that waits for the passphrase. */
  'login:cancel': { input: NoInput, output: LoginStatus },
  'cases:list': { input: CaseListInput, output: CaseList },
  'cases:get': { input: z.object({ caseId: Id }).strict(), output: CaseDetailDto },
  'appointments:list-day': {
    input: z.object({ day: IsoDate, ...DayViewFilter }).strict(),
    output: z.array(DayAppointment),
  },
  'cases:search': { input: CaseSearchInput, output: z.array(CaseSearchHit) },
  'caseload:list': { input: CaseloadInput, output: CaseloadDto },
  ...planningReadContract,
  ...writeContract,
  ...planPrintContract,
  ...workspaceContract,
  ...syncContract,
  ...qualityContract,
  ...outreachContract,
  ...qualityReviewContract,
  ...directoryContract,
} as const satisfies Record<IpcChannelName, { input: z.ZodType; output: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcIn<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
export type IpcOut<C extends IpcChannel> = z.output<IpcContract[C]['output']>;
