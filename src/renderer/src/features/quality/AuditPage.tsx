import {
  Alert,
  Button,
  Group,
  Paper,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { caseworkerName } from '../../../../shared/auth/team-directory';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import {
  formatQuarter,
  JUDGEMENT_LABELS,
  JUDGEMENTS,
  SAMPLE_METHOD_LABELS,
  type Judgement,
} from '../../../../shared/domain/quality/audit-sample';
import { AUDIT_STATUS_LABELS } from '../../../../shared/domain/quality/case-review';
import {
  CASE_SECTION_LABELS,
  CASE_SECTIONS,
  defaultQualityRules,
  ruleById,
  ruleTitle,
  type CaseSection,
} from '../../../../shared/domain/quality/quality-rules';
import { type CaseAuditDto, type CorrectionTaskDto } from '../../../../shared/ipc/quality-review-contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor, RouterButton } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { applyIpcError } from '../../forms/ipc-form';
import { useCheckedWrite } from '../../forms/use-checked-write';
import { checkCorrectionForm, type CorrectionFormValues } from './correction-form';
import { CorrectionHistory, CorrectionStatusBadge } from './CorrectionTasksPanel';
import { SECTION_ROUTES } from './quality-links';
import { useTeamDirectory } from '../directory/use-team-directory';
import { invalidationsFor } from '../../api/data-changes';

const INVALIDATES = invalidationsFor('case_audits', 'correction_tasks');

/**
 * One audit of a sample (#/qualitaet/stichproben/<auditId>, team lead): the rubric (per quality
 * rule: what the automatic check found when the sample was drawn, the judgement, a comment), save
 * and close; corrections requested from the caseworker, with their status and history, confirmed
 * or reopened once reported done.
 */
export function AuditPage() {
  const { auditId } = useParams({ from: '/qualitaet/stichproben/$auditId' });
  const query = useQuery(ipcQueryOptions('audits:get', { auditId }));
  const directory = useTeamDirectory();
  return (
    <>
      <PageHeader
        title="Fallprüfung"
        description={
          query.data
            ? `Fall ${query.data.caseNumber ?? '(nicht im lokalen Speicher)'} – ${caseworkerName(query.data.caseworkerId, query.data.teamLeadId, directory)}, ${formatQuarter(query.data.quarter)}`
            : undefined
        }
        actions={
          <RouterAnchor to="/qualitaet/stichproben" size="sm">
            Zurück zu den Stichproben
          </RouterAnchor>
        }
      />
      <QueryView
        query={query}
        loadingLabel="Prüfung wird geladen"
        errorTitle="Prüfung nicht verfügbar"
        fallback="Die Fallprüfung konnte nicht geladen werden."
      >
        {(a) => (
          <Stack gap="xl">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Text size="sm" c="dark.6">
                {SAMPLE_METHOD_LABELS[a.method]}, Startwert {a.seed}. Status: {AUDIT_STATUS_LABELS[a.status]}.
              </Text>
              <RouterButton to="/faelle/$caseId" params={{ caseId: a.caseId }} variant="default" size="sm">
                Fall öffnen (nur lesen)
              </RouterButton>
            </Group>
            <Rubric key={a.id} audit={a} />
            <Corrections audit={a} />
          </Stack>
        )}
      </QueryView>
    </>
  );
}

interface RubricValues {
  judgements: Record<string, Judgement | ''>;
  comment: string;
}

function Rubric({ audit: a }: { audit: CaseAuditDto }) {
  const closed = a.status === 'abgeschlossen';
  const form = useForm<RubricValues>({
    mode: 'controlled',
    initialValues: {
      judgements: Object.fromEntries(a.items.map((i) => [i.ruleId, i.judgement ?? ''])),
      comment: a.comment ?? '',
    },
  });
  const save = useIpcMutation('audits:save', { invalidates: INVALIDATES });
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const submit = (close: boolean) =>
    form.onSubmit((values) => {
      setFormError(undefined);
      setSaved(undefined);
      save.mutate(
        {
          auditId: a.id,
          judgements: Object.fromEntries(
            Object.entries(values.judgements).map(([k, v]) => [k, v === '' ? null : v]),
          ),
          comment: values.comment.trim() === '' ? null : values.comment,
          close,
          expectedRowVersion: a.rowVersion,
        },
        {
          onSuccess: () =>
            setSaved(close ? 'Die Prüfung ist abgeschlossen.' : 'Die Bewertung ist gespeichert.'),
          onError: (e) => setFormError(applyIpcError(form, e, 'Die Bewertung wurde nicht gespeichert.')),
        },
      );
    });
  return (
    <section aria-labelledby="rubric-heading">
      <Title order={2} size="h3" id="rubric-heading" mb="sm">
        Prüfpunkte
      </Title>
      <form noValidate aria-labelledby="rubric-heading" onSubmit={submit(false)}>
        <Stack gap="sm">
          {formError ? <ErrorAlert title="Nicht gespeichert">{formError}</ErrorAlert> : null}
          {saved ? (
            <Alert color="#1b6b2f" variant="outline" role="status" title={saved}>
              {null}
            </Alert>
          ) : null}
          {a.items.map((i) => (
            <Paper key={i.ruleId} withBorder p="sm">
              <Radio.Group
                label={i.title}
                description={
                  i.found
                    ? `Automatische Prüfung: Hinweis gefunden (${i.findingCount})`
                    : 'Automatische Prüfung: kein Hinweis'
                }
                {...form.getInputProps(`judgements.${i.ruleId}`)}
              >
                <Group mt={6} gap="lg">
                  {JUDGEMENTS.map((j) => (
                    <Radio key={j} value={j} label={JUDGEMENT_LABELS[j]} disabled={closed} />
                  ))}
                </Group>
              </Radio.Group>
            </Paper>
          ))}
          <Textarea
            label="Kommentar zur Prüfung"
            autosize
            minRows={2}
            maxLength={5000}
            disabled={closed}
            {...form.getInputProps('comment')}
          />
          {closed ? (
            <Text size="sm">
              Diese Prüfung ist abgeschlossen{a.closedOn ? ` (am ${formatDate(a.closedOn)})` : ''}.
            </Text>
          ) : (
            <Group>
              <Button type="submit" loading={save.isPending && !save.variables?.close}>
                Bewertung speichern
              </Button>
              <Button
                type="button"
                variant="default"
                loading={save.isPending && save.variables?.close === true}
                onClick={() => submit(true)()}
              >
                Prüfung abschließen
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </section>
  );
}

/**
 * What the request form holds: the request's own fields as typed (the date as TT.MM.JJJJ, the
 * rubric item as its rule id or '' for none).
 */

function Corrections({ audit: a }: { audit: CaseAuditDto }) {
  const form = useForm<CorrectionFormValues>({
    mode: 'controlled',
    initialValues: { section: '', ruleId: '', text: '', dueOn: '' },
  });
  // choosing the rubric item the correction is about fills in the section its rule points to
  const chooseRule = (ruleId: string) => {
    form.setFieldValue('ruleId', ruleId);
    const section = ruleById(defaultQualityRules, ruleId)?.section;
    if (section && form.getValues().section === '') form.setFieldValue('section', section);
  };
  const request = useCheckedWrite('corrections:request', {
    form,
    check: (values: CorrectionFormValues) => checkCorrectionForm(a.id, values),
    input: (input) => input,
    invalidates: INVALIDATES,
    failed: 'Die Korrektur wurde nicht angefordert.',
    onDone: () => form.reset(),
  });
  const { formError } = request;
  return (
    <section aria-labelledby="corrections-heading">
      <Title order={2} size="h3" id="corrections-heading" mb="sm">
        Korrekturen
      </Title>
      <Stack gap="md">
        {a.corrections.length === 0 ? (
          <Text>Zu dieser Prüfung ist noch keine Korrektur angefordert.</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {a.corrections.map((t) => (
              <ReviewItem key={t.id} task={t} items={a.items} />
            ))}
          </Stack>
        )}
        <Paper withBorder p="md">
          <Title order={3} size="h4" id="request-heading" mb="sm">
            Korrektur anfordern
          </Title>
          <form noValidate aria-labelledby="request-heading" onSubmit={form.onSubmit(request.submit)}>
            <Stack gap="sm">
              {formError ? <ErrorAlert title="Nicht angefordert">{formError}</ErrorAlert> : null}
              <NativeSelect
                label="Prüfpunkt (freiwillig)"
                description="Die Korrektur bezieht sich auf diesen Punkt des Prüfbogens."
                data={[
                  { value: '', label: 'Kein bestimmter Prüfpunkt' },
                  ...a.items.map((i) => ({ value: i.ruleId, label: i.title })),
                ]}
                maw={540}
                {...form.getInputProps('ruleId')}
                onChange={(e) => chooseRule(e.currentTarget.value)}
              />
              <Group align="flex-start" wrap="wrap">
                <NativeSelect
                  label="Bereich der Akte"
                  data={[
                    { value: '', label: 'Bitte wählen' },
                    ...CASE_SECTIONS.map((s) => ({ value: s, label: CASE_SECTION_LABELS[s] })),
                  ]}
                  withAsterisk
                  w={260}
                  {...form.getInputProps('section')}
                />
                <TextInput
                  label="Zu erledigen bis (freiwillig)"
                  description="TT.MM.JJJJ"
                  placeholder="TT.MM.JJJJ"
                  w={280}
                  {...form.getInputProps('dueOn')}
                />
              </Group>
              <Textarea
                label="Was soll korrigiert werden?"
                autosize
                minRows={2}
                maxLength={2000}
                withAsterisk
                {...form.getInputProps('text')}
              />
              <Group>
                <Button type="submit" loading={request.pending}>
                  Korrektur anfordern
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </section>
  );
}

/** A requested correction as the team lead sees it; once reported done: confirm or reopen. */
function ReviewItem({ task: t, items }: { task: CorrectionTaskDto; items: CaseAuditDto['items'] }) {
  const review = useIpcMutation('corrections:review', { invalidates: INVALIDATES });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const decide = (decision: 'bestaetigt' | 'wiedereroeffnet') => {
    setError(undefined);
    review.mutate(
      { taskId: t.id, decision, note: note.trim() === '' ? null : note, expectedRowVersion: t.rowVersion },
      {
        onError: (e) =>
          setError(applyIpcError({ getValues: () => ({}), setErrors: () => {} }, e, 'Nicht gespeichert.')),
      },
    );
  };
  const section = t.section as CaseSection;
  return (
    <Paper component="li" withBorder p="sm" aria-label={`Korrektur: ${CASE_SECTION_LABELS[section]}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={700}>
          <RouterAnchor to={SECTION_ROUTES[section]} params={{ caseId: t.caseId }}>
            {CASE_SECTION_LABELS[section]}
          </RouterAnchor>
        </Text>
        <CorrectionStatusBadge status={t.status} />
      </Group>
      {t.ruleId ? (
        <Text size="sm" mt={4}>
          Prüfpunkt: {items.find((i) => i.ruleId === t.ruleId)?.title ?? ruleTitle(t.ruleId)}
        </Text>
      ) : null}
      <Text mt={4}>{t.text}</Text>
      {t.dueOn ? <Text size="sm">Bis {formatDate(t.dueOn)}</Text> : null}
      {t.completionNote ? <Text size="sm">Rückmeldung: {t.completionNote}</Text> : null}
      <CorrectionHistory task={t} />
      {t.status === 'erledigt' ? (
        <Stack gap="xs" mt="sm">
          {error ? <ErrorAlert title="Nicht gespeichert">{error}</ErrorAlert> : null}
          <Textarea
            label="Anmerkung (bei Wiedereröffnung)"
            autosize
            minRows={1}
            maxLength={5000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group>
            <Button size="sm" loading={review.isPending} onClick={() => decide('bestaetigt')}>
              Bestätigen
            </Button>
            <Button
              size="sm"
              variant="default"
              loading={review.isPending}
              onClick={() => decide('wiedereroeffnet')}
            >
              Wiedereröffnen
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Paper>
  );
}
