import {
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { formatGermanDate } from '../../../../shared/domain/common/dates';
import { OFFICES } from '../../../../shared/domain/case/office';
import type { DuplicateCandidate } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../components/format';
import { applyIpcError } from '../../forms/ipc-form';
import { checkIntakeForm, type IntakeFormValues, type IntakeValues } from './intake-form';
import { invalidationsFor } from '../../api/data-changes';

const fieldMap = {
  officeId: 'officeId',
  'person.firstName': 'firstName',
  'person.lastName': 'lastName',
  'person.birthDate': 'birthDate',
  'person.customerNumber': 'customerNumber',
  'household.householdNumber': 'householdNumber',
};

/**
 * Aufnahme: a new person with case (and household) in one step. Before creating, Lotse looks for
 * the same person (name and birth date); possible duplicates must be dismissed explicitly.
 */
export function IntakePage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<IntakeFormValues>({
    mode: 'controlled',
    initialValues: {
      firstName: '',
      lastName: '',
      birthDate: '',
      customerNumber: '',
      officeId: '',
      householdNumber: '',
      partner: false,
      minorChildren: '',
    },
    onValuesChange: () => setDuplicates(null),
  });
  const [duplicates, setDuplicates] = useState<readonly DuplicateCandidate[] | null>(null);
  const [formError, setFormError] = useState<string>();
  const [checking, setChecking] = useState(false);
  const create = useIpcMutation('cases:create', { invalidates: invalidationsFor('cases', 'persons') });

  /** The signed-in caseworker: the caseworker of an own (not substituted) case of the caseload. */
  const ownCaseworker = async (): Promise<string | null> => {
    const caseload = await queryClient.fetchQuery(ipcQueryOptions('caseload:list', {}));
    const own = caseload.items.find((r) => !r.substitute);
    if (!own) return null;
    const detail = await queryClient.fetchQuery(ipcQueryOptions('cases:get', { caseId: own.caseId }));
    return detail.case.caseworkerId;
  };

  const createCase = async (values: IntakeValues) => {
    const caseworkerId = await ownCaseworker();
    if (!caseworkerId) {
      setFormError('Der eigene Bestand ist leer; die Zuständigkeit kann nicht bestimmt werden.');
      return;
    }
    create.mutate(
      { ...values, caseworkerId, openedOn: todayIso() },
      {
        onSuccess: (created) => void navigate({ to: '/faelle/$caseId', params: { caseId: created.caseId } }),
        onError: (e) => setFormError(applyIpcError(form, e, 'Der Fall wurde nicht angelegt.', fieldMap)),
      },
    );
  };

  const submit = (raw: IntakeFormValues, confirmed: boolean) => {
    setFormError(undefined);
    const checked = checkIntakeForm(raw);
    if (!checked.ok) {
      form.setErrors(checked.errors);
      return;
    }
    if (confirmed) {
      void createCase(checked.values);
      return;
    }
    setChecking(true);
    const { firstName, lastName, birthDate } = checked.values.person;
    queryClient
      .fetchQuery({
        ...ipcQueryOptions('persons:find-duplicates', { firstName, lastName, birthDate }),
        staleTime: 0,
      })
      .then((found) => {
        if (found.length > 0) setDuplicates(found);
        else return createCase(checked.values);
      })
      .catch((e: unknown) => setFormError(describeError(e, 'Die Dublettenprüfung ist fehlgeschlagen.')))
      .finally(() => setChecking(false));
  };

  return (
    <Stack gap="md">
      <PageHeader title="Aufnahme" description="Neue Person mit Fall und Bedarfsgemeinschaft anlegen" />
      <Paper withBorder p="md" radius="md" maw={760}>
        <form noValidate onSubmit={form.onSubmit((v) => submit(v, false))}>
          <Stack gap="sm">
            {formError ? <ErrorAlert title="Nicht angelegt">{formError}</ErrorAlert> : null}
            <Title order={2} size="h4">
              Person
            </Title>
            <Group grow align="flex-start">
              <TextInput label="Vorname" {...form.getInputProps('firstName')} />
              <TextInput label="Nachname" {...form.getInputProps('lastName')} />
            </Group>
            <Group grow align="flex-start">
              <TextInput label="Geburtsdatum" description="TT.MM.JJJJ" {...form.getInputProps('birthDate')} />
              <TextInput label="Kundennummer" {...form.getInputProps('customerNumber')} />
            </Group>
            <NativeSelect
              label="Standort"
              data={[
                { value: '', label: 'Bitte wählen' },
                ...OFFICES.map((o) => ({ value: o.id, label: o.name })),
              ]}
              {...form.getInputProps('officeId')}
            />
            <Title order={2} size="h4" mt="sm">
              Bedarfsgemeinschaft
            </Title>
            <TextInput
              label="BG-Nummer"
              description="Leer lassen, wenn noch keine Bedarfsgemeinschaft erfasst ist."
              {...form.getInputProps('householdNumber')}
            />
            <Group grow align="flex-start">
              <Checkbox
                mt="lg"
                label="Partner/in in der BG"
                {...form.getInputProps('partner', { type: 'checkbox' })}
              />
              <TextInput
                label="Kinder unter 18"
                inputMode="numeric"
                {...form.getInputProps('minorChildren')}
              />
            </Group>
            {duplicates ? (
              <Paper withBorder p="sm" radius="sm" role="alert" aria-labelledby="dubletten-titel">
                <Title order={3} size="h5" id="dubletten-titel">
                  Mögliche Dubletten: Diese Person ist vielleicht schon erfasst
                </Title>
                <List size="sm" mt="xs">
                  {duplicates.map((d) => (
                    <List.Item key={d.caseId}>
                      <RouterAnchor to="/faelle/$caseId" params={{ caseId: d.caseId }}>
                        {d.lastName}, {d.firstName} (geb. {formatGermanDate(d.birthDate)}) · Fall{' '}
                        {d.caseNumber}
                      </RouterAnchor>{' '}
                      – {d.reason}
                    </List.Item>
                  ))}
                </List>
                <Text size="sm" mt="xs">
                  Bitte prüfen Sie die Treffer. Ist es eine andere Person, legen Sie sie ausdrücklich neu an.
                </Text>
                <Button
                  mt="sm"
                  variant="outline"
                  loading={create.isPending}
                  onClick={() => submit(form.getValues(), true)}
                >
                  Trotzdem neu anlegen
                </Button>
              </Paper>
            ) : null}
            <Group>
              <Button type="submit" loading={checking || create.isPending}>
                Prüfen und anlegen
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
