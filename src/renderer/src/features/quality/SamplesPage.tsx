import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  NativeSelect,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { caseworkerName } from '../../../../shared/auth/team-directory';
import { useForm } from '@mantine/form';
import { IconDice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import {
  formatQuarter,
  previousQuarter,
  quarterInBerlin,
  SAMPLE_METHOD_LABELS,
  SAMPLE_METHODS,
} from '../../../../shared/domain/quality/audit-sample';
import { AUDIT_STATUS_LABELS } from '../../../../shared/domain/quality/case-review';
import { DrawSampleInput, type SampleDto } from '../../../../shared/ipc/quality-review-contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';

import { useTeamDirectory } from '../directory/use-team-directory';
import { invalidationsFor } from '../../api/data-changes';

/** What the draw form holds: the draw's own fields (the seed is chosen in main and shown after). */
type DrawValues = Required<Omit<z.input<typeof DrawSampleInput>, 'seed'>>;

/**
 * Stichproben (issue 15 item 2, team lead): draw a reproducible sample of a caseworker's cases for a
 * quarter (at random or stratified by the quality rules) and open the audit of each drawn case.
 * The caseworkers are the ones the team dashboard knows (quality:dashboard, scope team).
 */
export function SamplesPage() {
  const team = useQuery(ipcQueryOptions('quality:dashboard', { scope: 'team' }));
  const samples = useQuery(ipcQueryOptions('audits:samples', {}));
  return (
    <>
      <PageHeader
        title="Stichproben"
        description="Fallprüfung nach Stichprobe: je Fachkraft und Quartal eine nachvollziehbare Auswahl von Fällen"
        actions={
          <RouterAnchor to="/qualitaet" search={{ bereich: 'team' }} size="sm">
            Zurück zur Qualität des Teams
          </RouterAnchor>
        }
      />
      <Stack gap="xl">
        <QueryView
          query={team}
          loadingLabel="Fachkräfte werden geladen"
          errorTitle="Fachkräfte nicht verfügbar"
          fallback="Die Fachkräfte des Teams konnten nicht geladen werden."
        >
          {(d) =>
            d.teamScopeAllowed ? (
              <DrawForm caseworkers={d.caseworkers.map((c) => c.caseworkerId)} me={d.userId} />
            ) : (
              <Alert color="gray" title="Nur für Teamleitungen">
                Stichproben ziehen und Fälle prüfen können Teamleitungen.
              </Alert>
            )
          }
        </QueryView>
        <QueryView
          query={samples}
          loadingLabel="Stichproben werden geladen"
          errorTitle="Stichproben nicht verfügbar"
          fallback="Die Stichproben konnten nicht geladen werden."
        >
          {(list) =>
            list.length === 0 ? (
              <EmptyState icon={<IconDice size={24} />} title="Noch keine Stichprobe">
                Ziehen Sie oben eine Stichprobe; sie erscheint dann hier mit ihren Fällen.
              </EmptyState>
            ) : (
              <Stack gap="lg">
                {list.map((s) => (
                  <SampleCard key={s.sampleId} sample={s} />
                ))}
              </Stack>
            )
          }
        </QueryView>
      </Stack>
    </>
  );
}

/** The quarters a sample is drawn for: the current one (Europe/Berlin) and the three before, newest first. */
function selectableQuarters(now: Date): string[] {
  const quarters = [quarterInBerlin(now)];
  while (quarters.length < 4) quarters.push(previousQuarter(quarters.at(-1)!));
  return quarters;
}

function DrawForm({ caseworkers, me }: { caseworkers: string[]; me: string }) {
  const [quarters] = useState(() => selectableQuarters(new Date()));
  const directory = useTeamDirectory();
  const form = useForm<DrawValues>({
    mode: 'controlled',
    initialValues: {
      caseworkerId: '',
      quarter: quarters[0]!,
      size: 5,
      method: 'zufall',
    },
    validate: zodValidate(DrawSampleInput),
  });
  const draw = useIpcMutation('audits:draw-sample', { invalidates: invalidationsFor('case_audits') });
  const [formError, setFormError] = useState<string>();
  const [drawn, setDrawn] = useState<SampleDto>();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="draw-heading">
      <Title order={2} size="h3" id="draw-heading" mb="sm">
        Stichprobe ziehen
      </Title>
      <form
        noValidate
        aria-labelledby="draw-heading"
        onSubmit={form.onSubmit((values) => {
          setFormError(undefined);
          setDrawn(undefined);
          draw.mutate(values, {
            onSuccess: (s) => setDrawn(s),
            onError: (e) => setFormError(applyIpcError(form, e, 'Die Stichprobe wurde nicht gezogen.')),
          });
        })}
      >
        <Stack gap="sm">
          {formError ? <ErrorAlert title="Nicht gezogen">{formError}</ErrorAlert> : null}
          <Group align="flex-start" wrap="wrap" gap="md">
            <NativeSelect
              label="Fachkraft"
              data={[
                { value: '', label: 'Bitte wählen' },
                ...caseworkers.map((id) => ({ value: id, label: caseworkerName(id, me, directory) })),
              ]}
              withAsterisk
              w={380}
              maw="100%"
              {...form.getInputProps('caseworkerId')}
            />
            <NativeSelect
              label="Quartal"
              data={quarters.map((q) => ({ value: q, label: formatQuarter(q) }))}
              w={200}
              withAsterisk
              {...form.getInputProps('quarter')}
            />
            <NumberInput
              label="Anzahl Fälle"
              w={140}
              min={1}
              max={50}
              allowDecimal={false}
              withAsterisk
              {...form.getInputProps('size')}
            />
          </Group>
          <Radio.Group label="Verfahren" withAsterisk {...form.getInputProps('method')}>
            <Group mt={4} gap="lg">
              {SAMPLE_METHODS.map((m) => (
                <Radio key={m} value={m} label={SAMPLE_METHOD_LABELS[m]} />
              ))}
            </Group>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={draw.isPending} leftSection={<IconDice size={16} aria-hidden />}>
              Stichprobe ziehen
            </Button>
          </Group>
        </Stack>
      </form>
      {drawn ? (
        <Alert color="#1b6b2f" variant="outline" title="Stichprobe gezogen" mt="md" role="status">
          {formatNumber(drawn.drawnCaseIds.length)} von {formatNumber(drawn.populationCount)} Fällen gezogen (
          {SAMPLE_METHOD_LABELS[drawn.method]}, Startwert {drawn.seed}). Die Ziehung ist aus dem Startwert und
          dem Bestand nachvollziehbar wiederholbar. Die Fälle stehen unten.
        </Alert>
      ) : null}
    </Paper>
  );
}

function SampleCard({ sample: s }: { sample: SampleDto }) {
  const headingId = `sample-${s.sampleId}`;
  const directory = useTeamDirectory();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {caseworkerName(s.caseworkerId, s.teamLeadId, directory)} – {formatQuarter(s.quarter)}
      </Title>
      <Text size="sm" c="dark.6" mb="sm">
        {SAMPLE_METHOD_LABELS[s.method]}, Startwert {s.seed}: {formatNumber(s.drawnCaseIds.length)} von{' '}
        {formatNumber(s.populationCount)} Fällen (Prüfsumme des Bestands {s.populationDigest}). Mit demselben
        Startwert und Bestand ergibt die Ziehung dieselben Fälle.
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table striped withTableBorder layout="auto">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Fall</Table.Th>
              <Table.Th scope="col">Prüfung</Table.Th>
              <Table.Th scope="col" ta="right">
                bewertet
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Regeln mit Hinweis
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.audits.map((a) => (
              <Table.Tr key={a.auditId}>
                <Table.Th scope="row" fw={400}>
                  <RouterAnchor
                    to="/qualitaet/stichproben/$auditId"
                    params={{ auditId: a.auditId }}
                    aria-label={`Fall ${a.caseNumber ?? a.caseId} prüfen`}
                  >
                    {a.caseNumber ?? 'Fall nicht im lokalen Speicher'}
                  </RouterAnchor>
                </Table.Th>
                <Table.Td>
                  <Badge variant="outline" color={a.status === 'abgeschlossen' ? 'green.9' : 'gray.8'}>
                    {AUDIT_STATUS_LABELS[a.status]}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {formatNumber(a.judged)} von {formatNumber(a.items)}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(a.findings)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
