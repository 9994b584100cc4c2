import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatGermanDate } from '../../../../shared/domain/common/dates';
import {
  FREQUENCY_LABELS,
  PROOF_FORM_LABELS,
  PROOF_FORMS,
} from '../../../../shared/domain/plan/cooperation-plan';
import { OWN_EFFORT_PERIOD_STATE_LABELS } from '../../../../shared/domain/plan/own-effort';
import type { OwnEffortView } from '../../../../shared/ipc/contract';
import { ipcQueryOptions } from '../../api/query';
import { FormPanel } from '../../components/FormPanel';
import { QueryView } from '../../components/QueryView';
import { useCaseDetail } from '../case-workspace/case-detail';
import {
  checkOwnEffortForm,
  checkProofForm,
  FREQUENCY_PERIODS,
  type OwnEffortFormValues,
  type ProofFormValues,
} from './own-effort-form';
import { useCheckedWrite } from '../../forms/use-checked-write';
import { invalidationsFor } from '../../api/data-changes';

const INVALIDATES = invalidationsFor('own_efforts');
const proofOptions = PROOF_FORMS.map((p) => ({ value: p, label: PROOF_FORM_LABELS[p] }));

function frequencyText(f: OwnEffortView['frequency']): string {
  if (!f) return 'ohne vereinbarte Häufigkeit';
  return f.per === 'once' ? 'einmalig' : `${f.count}× ${FREQUENCY_LABELS[f.per]}`;
}

/**
 * Eigenbemühungen (§ 15 Abs. 2 Nr. 2 SGB II): what the person does, how often and with which proof;
 * the proofs received against the agreed frequency, period by period.
 */
export function OwnEffortsSection() {
  const detail = useCaseDetail();
  const caseId = detail.summary.caseId;
  const list = useQuery(ipcQueryOptions('own-efforts:list', { caseId }));
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm" component="section" aria-labelledby="eigenbemuehungen-titel">
      <Group justify="space-between">
        <Title order={2} size="h3" id="eigenbemuehungen-titel">
          Eigenbemühungen
        </Title>
        {!adding ? <Button onClick={() => setAdding(true)}>Eigenbemühung vereinbaren</Button> : null}
      </Group>
      {adding ? <OwnEffortForm caseId={caseId} onDone={() => setAdding(false)} /> : null}
      <QueryView
        query={list}
        loadingLabel="Eigenbemühungen werden geladen"
        errorTitle="Eigenbemühungen nicht verfügbar"
        fallback="Die Eigenbemühungen konnten nicht geladen werden."
      >
        {(efforts) =>
          efforts.length === 0 ? (
            <Text>Mit dieser Person sind noch keine Eigenbemühungen vereinbart.</Text>
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {[...efforts]
                .sort((a, b) => b.agreedOn.localeCompare(a.agreedOn))
                .map((e) => (
                  <EffortItem key={e.id} effort={e} />
                ))}
            </Stack>
          )
        }
      </QueryView>
    </Stack>
  );
}

function EffortItem(props: { effort: OwnEffortView }) {
  const e = props.effort;
  const [recording, setRecording] = useState(false);
  const b = e.balance;
  const name = `Eigenbemühung „${e.description.slice(0, 60)}“`;
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700}>{e.description}</Text>
          {e.frequency ? (
            <Badge variant="outline" color={b.missing === 0 ? 'teal.9' : 'dark.6'}>
              {b.missing === 0
                ? 'Nachweise vollständig'
                : b.missing === 1
                  ? '1 Nachweis fehlt'
                  : `${b.missing} Nachweise fehlen`}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">
          {frequencyText(e.frequency)} · Nachweis: {e.proof ? PROOF_FORM_LABELS[e.proof] : 'nicht festgelegt'}{' '}
          · vereinbart am {formatGermanDate(e.agreedOn)}
          {e.endsOn ? ` bis ${formatGermanDate(e.endsOn)}` : ''}
        </Text>
        <Text size="sm" fw={600}>
          Bis heute {b.proved} von {b.expected} nachgewiesen
          {b.missing > 0 ? `, es fehlen ${b.missing}.` : '.'}
        </Text>
        {e.periods.length > 0 ? (
          <Table withTableBorder striped aria-label={`Zeiträume: ${name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Zeitraum</Table.Th>
                <Table.Th scope="col">Vereinbart</Table.Th>
                <Table.Th scope="col">Nachgewiesen</Table.Th>
                <Table.Th scope="col">Stand</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.periods.map((p) => (
                <Table.Tr key={p.from}>
                  <Table.Td>
                    {formatGermanDate(p.from)} – {formatGermanDate(p.to)}
                  </Table.Td>
                  <Table.Td>{p.expected}</Table.Td>
                  <Table.Td>{p.proved}</Table.Td>
                  <Table.Td fw={p.state === 'missed' ? 700 : undefined}>
                    {OWN_EFFORT_PERIOD_STATE_LABELS[p.state]}
                    {p.missing > 0 ? ` (es fehlen ${p.missing})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {e.proofs.length > 0 ? (
          <Text size="sm">
            Eingegangen:{' '}
            {[...e.proofs]
              .sort((x, y) => x.receivedOn.localeCompare(y.receivedOn))
              .map((p) => `${formatGermanDate(p.receivedOn)} ${PROOF_FORM_LABELS[p.form]} (${p.count})`)
              .join('; ')}
          </Text>
        ) : null}
        {recording ? (
          <ProofForm effort={e} name={name} onDone={() => setRecording(false)} />
        ) : (
          <Button
            variant="default"
            w="fit-content"
            onClick={() => setRecording(true)}
            aria-label={`Nachweis erfassen: ${name}`}
          >
            Nachweis erfassen
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

const effortFieldMap = {
  'values.description': 'description',
  'values.frequency': 'count',
  'values.proof': 'proof',
  'values.agreedOn': 'agreedOn',
  'values.endsOn': 'endsOn',
};

function todayGerman(): string {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

function OwnEffortForm(props: { caseId: string; onDone: () => void }) {
  const form = useForm<OwnEffortFormValues>({
    mode: 'controlled',
    initialValues: {
      description: '',
      count: '',
      per: 'month',
      proof: 'bewerbungsliste',
      agreedOn: todayGerman(),
      endsOn: '',
    },
  });
  const create = useCheckedWrite('own-efforts:create', {
    form,
    check: checkOwnEffortForm,
    input: (values) => ({ caseId: props.caseId, values }),
    invalidates: INVALIDATES,
    failed: 'Die Eigenbemühung wurde nicht gespeichert.',
    fieldMap: effortFieldMap,
    onDone: props.onDone,
  });
  const { formError } = create;
  const submit = form.onSubmit(create.submit);
  return (
    <FormPanel
      label="Eigenbemühung vereinbaren"
      title="Neue Eigenbemühung"
      error={formError}
      onSubmit={submit}
      submit={{ label: 'Eigenbemühung speichern', pending: create.pending }}
      onCancel={props.onDone}
    >
      <Textarea label="Was" autosize minRows={2} {...form.getInputProps('description')} />
      <Group grow align="flex-start">
        <TextInput label="Wie oft" description="Anzahl, z. B. 4" {...form.getInputProps('count')} />
        <NativeSelect
          label="Je Zeitraum"
          data={FREQUENCY_PERIODS.map((p) => ({ value: p, label: FREQUENCY_LABELS[p] }))}
          {...form.getInputProps('per')}
        />
        <NativeSelect label="Nachweis" data={proofOptions} {...form.getInputProps('proof')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label="Vereinbart am" description="TT.MM.JJJJ" {...form.getInputProps('agreedOn')} />
        <TextInput label="Gilt bis (freiwillig)" description="TT.MM.JJJJ" {...form.getInputProps('endsOn')} />
      </Group>
    </FormPanel>
  );
}

const proofFieldMap = {
  'proof.receivedOn': 'receivedOn',
  'proof.form': 'form',
  'proof.count': 'count',
  'proof.note': 'note',
};

function ProofForm(props: { effort: OwnEffortView; name: string; onDone: () => void }) {
  const e = props.effort;
  const form = useForm<ProofFormValues>({
    mode: 'controlled',
    initialValues: { receivedOn: todayGerman(), form: e.proof ?? '', count: '1', note: '' },
  });
  const record = useCheckedWrite('own-efforts:record-proof', {
    form,
    check: (raw: ProofFormValues) => checkProofForm(raw, e.agreedOn),
    input: (proof) => ({ ownEffortId: e.id, proof, expectedRowVersion: e.rowVersion }),
    invalidates: INVALIDATES,
    failed: 'Der Nachweis wurde nicht gespeichert.',
    fieldMap: proofFieldMap,
    onDone: props.onDone,
  });
  const { formError } = record;
  const submit = form.onSubmit(record.submit);
  return (
    <FormPanel
      label={`Nachweis: ${props.name}`}
      error={formError}
      onSubmit={submit}
      compact
      submit={{ label: 'Nachweis speichern', pending: record.pending }}
      onCancel={props.onDone}
    >
      <Group grow align="flex-start">
        <TextInput label="Eingegangen am" description="TT.MM.JJJJ" {...form.getInputProps('receivedOn')} />
        <NativeSelect
          label="Form des Nachweises"
          data={[{ value: '', label: 'Bitte wählen' }, ...proofOptions]}
          {...form.getInputProps('form')}
        />
        <TextInput
          label="Anzahl"
          description="Wie viele Bemühungen belegt er?"
          {...form.getInputProps('count')}
        />
      </Group>
      <TextInput label="Anmerkung (freiwillig)" {...form.getInputProps('note')} />
    </FormPanel>
  );
}
