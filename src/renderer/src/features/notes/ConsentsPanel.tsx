import { Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { dateInBerlin, formatGermanDate } from '../../../../shared/domain/common/dates';
import {
  CONSENT_FORM_LABELS,
  CONSENT_FORMS,
  CONSENT_PURPOSE_LABELS,
  CONSENT_PURPOSES,
} from '../../../../shared/domain/case/consent';
import type { IpcOut } from '../../../../shared/ipc/contract';
import { ipcQueryOptions, type Invalidation } from '../../api/query';
import { FormPanel } from '../../components/FormPanel';
import { QueryView } from '../../components/QueryView';
import { ReflowTable } from '../../components/ReflowTable';
import { useCheckedWrite } from '../../forms/use-checked-write';
import {
  checkConsentForm,
  checkConsentWithdrawal,
  type ConsentFormValues,
  type ConsentWithdrawalValues,
} from './consent-form';

type ConsentView = IpcOut<'consents:list'>[number];

const today = () => formatGermanDate(dateInBerlin(new Date()));
/** Only the list reads consents (the case view and the outreach day do not). */
const INVALIDATES: readonly Invalidation[] = ['consents:list'];

/**
 * Einwilligungen (Art. 7 DSGVO): what the person agreed to, since when, in which form and within
 * which limits; a withdrawal is as easy as recording (Art. 7 Abs. 3) and ends the consent on its
 * day, the record stays.
 */
export function ConsentsPanel(props: { caseId: string }) {
  const consents = useQuery(ipcQueryOptions('consents:list', { caseId: props.caseId }));
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="einwilligungen-titel">
      <Group justify="space-between">
        <Title order={2} size="h3" id="einwilligungen-titel">
          Einwilligungen
        </Title>
        {!recording ? <Button onClick={() => setRecording(true)}>Einwilligung erfassen</Button> : null}
      </Group>
      {recording ? <ConsentForm caseId={props.caseId} onDone={() => setRecording(false)} /> : null}
      <QueryView
        query={consents}
        loadingLabel="Einwilligungen werden geladen"
        errorTitle="Einwilligungen nicht verfügbar"
        fallback="Die Einwilligungen konnten nicht geladen werden."
      >
        {(list) => {
          if (list.length === 0) return <Text>Zu diesem Fall sind keine Einwilligungen erfasst.</Text>;
          const target = list.find((c) => c.id === withdrawing && c.withdrawnOn === null);
          return (
            <Stack gap="sm">
              <ConsentTable consents={list} onWithdraw={setWithdrawing} />
              {target ? (
                <WithdrawForm key={target.id} consent={target} onDone={() => setWithdrawing(null)} />
              ) : null}
            </Stack>
          );
        }}
      </QueryView>
    </Stack>
  );
}

function ConsentTable(props: { consents: readonly ConsentView[]; onWithdraw: (id: string) => void }) {
  return (
    <ReflowTable striped withTableBorder aria-labelledby="einwilligungen-titel">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Zweck</Table.Th>
          <Table.Th scope="col">Erteilt am</Table.Th>
          <Table.Th scope="col">Form</Table.Th>
          <Table.Th scope="col">Einschränkung</Table.Th>
          <Table.Th scope="col">Stand</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.consents.map((c) => {
          const purpose = CONSENT_PURPOSE_LABELS[c.purpose];
          return (
            <Table.Tr key={c.id} data-consent={c.id}>
              <Table.Td>{purpose}</Table.Td>
              <Table.Td data-label="Erteilt am">{formatGermanDate(c.givenOn)}</Table.Td>
              <Table.Td data-label="Form">{CONSENT_FORM_LABELS[c.form]}</Table.Td>
              <Table.Td data-label="Einschränkung">{c.scope ?? '–'}</Table.Td>
              <Table.Td data-label="Stand">
                {c.withdrawnOn === null ? (
                  <Group gap="xs">
                    <Badge variant="outline" color="lotse.9">
                      gilt
                    </Badge>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={`Einwilligung „${purpose}“ widerrufen`}
                      onClick={() => props.onWithdraw(c.id)}
                    >
                      Widerrufen
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm">widerrufen am {formatGermanDate(c.withdrawnOn)}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </ReflowTable>
  );
}

function ConsentForm(props: { caseId: string; onDone: () => void }) {
  const form = useForm<ConsentFormValues>({
    mode: 'controlled',
    initialValues: { purpose: '', givenOn: today(), form: '', scope: '' },
  });
  const record = useCheckedWrite('consents:record', {
    form,
    check: checkConsentForm,
    input: (values) => ({ caseId: props.caseId, values }),
    invalidates: INVALIDATES,
    failed: 'Die Einwilligung wurde nicht gespeichert.',
    fieldMap: {
      'values.purpose': 'purpose',
      'values.givenOn': 'givenOn',
      'values.form': 'form',
      'values.scope': 'scope',
    },
    onDone: props.onDone,
  });
  return (
    <FormPanel
      label="Einwilligung erfassen"
      title="Neue Einwilligung"
      error={record.formError}
      onSubmit={form.onSubmit(record.submit)}
      submit={{ label: 'Einwilligung speichern', pending: record.pending }}
      onCancel={props.onDone}
    >
      <NativeSelect
        label="Zweck"
        data={[
          { value: '', label: 'Bitte wählen' },
          ...CONSENT_PURPOSES.map((p) => ({ value: p, label: CONSENT_PURPOSE_LABELS[p] })),
        ]}
        {...form.getInputProps('purpose')}
      />
      <Group grow align="flex-start">
        <TextInput label="Erteilt am" description="TT.MM.JJJJ" {...form.getInputProps('givenOn')} />
        <NativeSelect
          label="Form"
          data={[
            { value: '', label: 'Bitte wählen' },
            ...CONSENT_FORMS.map((f) => ({ value: f, label: CONSENT_FORM_LABELS[f] })),
          ]}
          {...form.getInputProps('form')}
        />
      </Group>
      <TextInput
        label="Einschränkung (optional)"
        description="Was die Person begrenzt hat, z. B. „nur Bildungsträger Torgau“."
        {...form.getInputProps('scope')}
      />
    </FormPanel>
  );
}

function WithdrawForm(props: { consent: ConsentView; onDone: () => void }) {
  const c = props.consent;
  const form = useForm<ConsentWithdrawalValues>({
    mode: 'controlled',
    initialValues: { withdrawnOn: today() },
  });
  const withdraw = useCheckedWrite('consents:withdraw', {
    form,
    check: checkConsentWithdrawal,
    input: (values) => ({ consentId: c.id, ...values, expectedRowVersion: c.rowVersion }),
    invalidates: INVALIDATES,
    failed: 'Der Widerruf wurde nicht gespeichert.',
    onDone: props.onDone,
  });
  const purpose = CONSENT_PURPOSE_LABELS[c.purpose];
  return (
    <FormPanel
      label={`Einwilligung „${purpose}“ widerrufen`}
      title={`Widerruf: ${purpose}`}
      error={withdraw.formError}
      onSubmit={form.onSubmit(withdraw.submit)}
      submit={{ label: 'Widerruf speichern', pending: withdraw.pending }}
      onCancel={props.onDone}
    >
      <Text size="sm">
        Erteilt am {formatGermanDate(c.givenOn)}. Der Widerruf beendet die Einwilligung ab dem genannten Tag;
        der Eintrag bleibt in der Akte.
      </Text>
      <TextInput label="Widerrufen am" description="TT.MM.JJJJ" {...form.getInputProps('withdrawnOn')} />
    </FormPanel>
  );
}
