import {
  Anchor,
  Button,
  Group,
  List,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { HANDOVER_FORM_LABELS, type PlanHandover } from '../../../../shared/domain/plan/cooperation-plan';
import { regimeOn } from '../../../../shared/domain/legal/legal-regimes';
import { PlanContactInput, type IpcOut } from '../../../../shared/ipc/contract';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { describeError } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReadActionButton } from '../../components/ReadActionButton';
import { QueryView } from '../../components/QueryView';
import { formatDate, todayIso } from '../../components/format';
import { applyIpcError, zodValidate } from '../../forms/ipc-form';
import { RouterAnchor } from '../../app/links';
import { useCaseId } from './case-detail';
import { PlanEditor, type DraftState } from './PlanEditor';
import { focusTargetOf } from './plan-form';
import { invalidationsFor } from '../../api/data-changes';
import { useUserName } from '../directory/use-team-directory';

type CasePlan = IpcOut<'plans:for-case'>;
type Plan = NonNullable<CasePlan['plan']>;
type Handover = CasePlan['handovers'][number];
type HandoverForm = PlanHandover['form'];
type PlanContact = z.output<typeof PlanContactInput>;

const FORMS = Object.keys(HANDOVER_FORM_LABELS) as HandoverForm[];

/** Kooperationsplan (section of the case workspace): preview, what is missing, hand-over, versions. */
export function PlanSection() {
  const caseId = useCaseId();
  const query = useQuery(ipcQueryOptions('plans:for-case', { caseId }));
  return (
    <QueryView
      query={query}
      loadingLabel="Kooperationsplan wird geladen"
      errorTitle="Kooperationsplan nicht verfügbar"
      fallback="Der Kooperationsplan konnte nicht geladen werden."
    >
      {(data) =>
        data.plan === null ? (
          <NoPlan caseId={caseId} />
        ) : (
          <PlanWorkspace plan={data.plan} handovers={data.handovers} />
        )
      }
    </QueryView>
  );
}

function NoPlan(props: { caseId: string }) {
  const create = useIpcMutation('plans:save-draft', { invalidates: invalidationsFor('cooperation_plans') });
  return (
    <Paper withBorder p="md" radius="md" maw={720}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          Noch kein Kooperationsplan
        </Title>
        <Text>
          Für diesen Fall gibt es noch keinen Kooperationsplan. Legen Sie einen Entwurf mit dem heutigen Datum
          an; danach steht hier, was bis zur Aushändigung noch fehlt (zuerst eine abgeschlossene
          Potenzialanalyse, dann Ziel, Schritte und die Punkte des Plans).
        </Text>
        {create.isError ? (
          <ErrorAlert title="Entwurf nicht angelegt">
            {describeError(create.error, 'Der Entwurf konnte nicht angelegt werden.')}
          </ErrorAlert>
        ) : null}
        <Button
          loading={create.isPending}
          onClick={() =>
            create.mutate({
              caseId: props.caseId,
              values: { planDate: todayIso(), points: {} } as never,
            })
          }
        >
          Entwurf anlegen
        </Button>
      </Stack>
    </Paper>
  );
}

function PlanWorkspace(props: { plan: Plan; handovers: Handover[] }) {
  const { plan } = props;
  const missing = useQuery(ipcQueryOptions('plans:missing', { planId: plan.id }));
  // the preview shows the contact person typed for the hand-over (once it is valid)
  const [contact, setContact] = useState<PlanContact>();
  const [shownContact] = useDebouncedValue(contact, 400);
  const preview = useQuery({
    ...ipcQueryOptions('plans:preview', {
      planId: plan.id,
      ...(shownContact ? { contact: shownContact } : {}),
    }),
    placeholderData: keepPreviousData,
  });
  const [draft, setDraft] = useState<DraftState>('saved');
  const regime = regimeOn(plan.planDate);
  return (
    <Stack gap="lg">
      <Text>
        Kooperationsplan vom <strong>{formatDate(plan.planDate)}</strong>
        {plan.reviewDueOn ? `, Überprüfung bis ${formatDate(plan.reviewDueOn)}` : ''}
        {props.handovers.length > 0
          ? ` – zuletzt ausgehändigt am ${formatDate(props.handovers[0]?.handedOverOn)}.`
          : ' – noch nicht ausgehändigt.'}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <PlanEditor
          key={plan.id}
          plan={plan}
          requiresPersonalOffer={regime.ok && regime.regime.plan.requiresPersonalOffer}
          onState={setDraft}
        />
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm" id="plan-missing-heading">
              Was fehlt noch
            </Title>
            <QueryView
              query={missing}
              loadingLabel="Prüfung wird geladen"
              errorTitle="Prüfung nicht verfügbar"
              fallback="Was noch fehlt, konnte nicht geprüft werden."
            >
              {(m) =>
                m.missing.length === 0 ? (
                  <Text>Nichts fehlt: Der Plan kann ausgehändigt werden.</Text>
                ) : (
                  <List spacing={4} aria-labelledby="plan-missing-heading">
                    {m.missing.map((p, i) => (
                      <List.Item key={`${p.field}-${i}`}>
                        <MissingEntry field={p.field} message={p.message} />
                      </List.Item>
                    ))}
                  </List>
                )
              }
            </QueryView>
          </Paper>
          <HandOver
            plan={plan}
            missingCount={missing.data?.missing.length}
            draft={draft}
            onContact={setContact}
          />
          <Paper withBorder p="md" radius="md">
            <Title order={2} size="h4" mb="sm">
              Vorschau
            </Title>
            <QueryView
              query={preview}
              loadingLabel="Vorschau wird geladen"
              errorTitle="Vorschau nicht verfügbar"
              fallback="Die Vorschau konnte nicht erstellt werden."
            >
              {(p) => (
                <Stack gap="xs">
                  <Text size="sm">Vorlage {p.templateVersion} – so wird der Plan heute gedruckt.</Text>
                  {p.officeNote ? <Text size="sm">Hinweis: {p.officeNote}</Text> : null}
                  <iframe
                    title="Vorschau des Kooperationsplans"
                    sandbox=""
                    srcDoc={p.html}
                    style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-4)' }}
                  />
                </Stack>
              )}
            </QueryView>
          </Paper>
        </Stack>
      </SimpleGrid>
      <Versions handovers={props.handovers} />
    </Stack>
  );
}

/**
 * One entry of "Was fehlt noch": a button that moves the focus to the field in the editor, or a
 * link to the Potenzialanalyse, or plain text where the editor has no field for it.
 */
function MissingEntry(props: { field: string; message: string }) {
  const caseId = useCaseId();
  const target = focusTargetOf(props.field);
  if (props.field === 'assessment')
    return (
      <RouterAnchor to="/faelle/$caseId/profil" params={{ caseId }}>
        {props.message}
      </RouterAnchor>
    );
  if (!target) return <>{props.message}</>;
  return (
    <Anchor
      component="button"
      type="button"
      ta="left"
      // a block: the list's bullet stands at the first line of a message that wraps, not the last
      display="block"
      onClick={() => {
        const el = document.getElementById(target);
        el?.scrollIntoView({ block: 'center' });
        el?.focus();
      }}
    >
      {props.message}
    </Anchor>
  );
}

const HandOverValues = z.object({
  form: z.enum(FORMS as [HandoverForm, ...HandoverForm[]], {
    error: 'Bitte die Art der Aushändigung wählen.',
  }),
  contact: PlanContactInput.optional(),
});

interface FormValues {
  form: HandoverForm | '';
  contact: { name: string; phone: string; email: string };
}

function toInput(values: FormValues) {
  const c = values.contact;
  const anyContact = [c.name, c.phone, c.email].some((v) => v.trim() !== '');
  return {
    form: values.form,
    ...(anyContact
      ? {
          contact: {
            name: c.name,
            phone: c.phone.trim() === '' ? null : c.phone,
            email: c.email.trim() === '' ? null : c.email.trim(),
          },
        }
      : {}),
  };
}

function HandOver(props: {
  plan: Plan;
  missingCount: number | undefined;
  draft: DraftState;
  onContact: (contact: PlanContact | undefined) => void;
}) {
  const handOver = useIpcMutation('plans:hand-over', {
    invalidates: invalidationsFor('plan_handovers', 'cooperation_plans'),
  });
  const [formError, setFormError] = useState<string>();
  const [done, setDone] = useState<string>();
  const validate = zodValidate(HandOverValues);
  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: { form: '', contact: { name: '', phone: '', email: '' } },
    validate: (values) => validate(toInput(values)),
    onValuesChange: (values) => {
      const parsed = PlanContactInput.safeParse(toInput(values).contact);
      props.onContact(parsed.success ? parsed.data : undefined);
    },
  });
  const blocked = props.missingCount === undefined || props.missingCount > 0 || props.draft !== 'saved';
  const reason =
    props.draft === 'pending'
      ? 'Der Entwurf wird gerade gespeichert; danach wird geprüft, was noch fehlt.'
      : props.draft !== 'saved'
        ? 'Der Entwurf ist nicht gespeichert: Bitte zuerst die markierten Felder im Plan korrigieren.'
        : props.missingCount === undefined
          ? 'Die Prüfung, was noch fehlt, läuft noch.'
          : props.missingCount === 1
            ? 'Aushändigen ist erst möglich, wenn nichts mehr fehlt: eine Angabe fehlt noch (siehe „Was fehlt noch“).'
            : `Aushändigen ist erst möglich, wenn nichts mehr fehlt: ${props.missingCount} Angaben fehlen noch (siehe „Was fehlt noch“).`;
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        Aushändigen
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFormError(undefined);
          setDone(undefined);
          const input = toInput(values) as z.output<typeof HandOverValues>;
          handOver.mutate(
            { planId: props.plan.id, expectedRowVersion: props.plan.rowVersion, ...input },
            {
              onSuccess: (h) => {
                setDone(
                  `Fassung ${h.version} wurde am ${formatDate(h.handedOverOn)} ausgehändigt (${HANDOVER_FORM_LABELS[h.form]}).`,
                );
                form.reset();
                props.onContact(undefined);
              },
              onError: (e) =>
                setFormError(applyIpcError(form, e, 'Der Kooperationsplan wurde nicht ausgehändigt.')),
            },
          );
        })}
      >
        <Stack gap="sm">
          {formError ? <ErrorAlert title="Nicht ausgehändigt">{formError}</ErrorAlert> : null}
          <Radio.Group label="Wie wird der Plan ausgehändigt?" withAsterisk {...form.getInputProps('form')}>
            <Stack gap={6} mt={6}>
              {FORMS.map((f) => (
                <Radio key={f} value={f} label={HANDOVER_FORM_LABELS[f]} />
              ))}
            </Stack>
          </Radio.Group>
          <Text size="sm" fw={500}>
            Ansprechperson im Briefkopf (freiwillig; sonst Sie als angemeldete Fachkraft, mit Telefon und
            E-Mail des Standorts)
          </Text>
          <Group grow align="flex-start">
            <TextInput label="Name" autoComplete="off" {...form.getInputProps('contact.name')} />
            <TextInput label="Telefon" autoComplete="off" {...form.getInputProps('contact.phone')} />
            <TextInput
              label="E-Mail"
              type="email"
              autoComplete="off"
              {...form.getInputProps('contact.email')}
            />
          </Group>
          <Group align="center" gap="md">
            <Button
              type="submit"
              style={{ flexShrink: 0 }}
              loading={handOver.isPending}
              disabled={blocked}
              aria-describedby={blocked ? 'plan-handover-reason' : undefined}
            >
              Plan aushändigen
            </Button>
            {blocked ? (
              <Text id="plan-handover-reason" size="sm" style={{ flex: '1 1 240px' }}>
                {reason}
              </Text>
            ) : null}
          </Group>
          <Text role="status" aria-label="Ergebnis der Aushändigung" size="sm" fw={done ? 700 : undefined}>
            {done ?? ''}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

function Versions(props: { handovers: Handover[] }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        Ausgehändigte Fassungen
      </Title>
      {props.handovers.length === 0 ? (
        <Text>Dieser Plan wurde noch nicht ausgehändigt.</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Fassung</Table.Th>
                <Table.Th scope="col">Ausgehändigt am</Table.Th>
                <Table.Th scope="col">von</Table.Th>
                <Table.Th scope="col">Art</Table.Th>
                <Table.Th scope="col">Vorlage</Table.Th>
                <Table.Th scope="col">SHA-256 (PDF)</Table.Th>
                <Table.Th scope="col">Ausfertigung</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.handovers.map((h) => (
                <VersionRow key={h.id} handover={h} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

type PdfLink = { url: string; label: string; file: string; notice?: string };

/**
 * One handed-over version. "Erneut drucken" makes the reprint ("Ausfertigung vom …"): in the
 * desktop app it opens in the print dialog (plans:print), in the browser it is offered as a PDF
 * download. "Fassung als PDF" gives the stored document byte for byte.
 */
function VersionRow(props: { handover: Handover }) {
  const h = props.handover;
  const userName = useUserName();
  const info = useQuery(ipcQueryOptions('app:info'));
  const desktop = info.data?.runtime === 'electron';
  const reprint = useIpcMutation('plans:reprint');
  const print = useIpcMutation('plans:print');
  const original = useIpcMutation('plans:document');
  const [link, setLink] = useState<PdfLink>();
  const [printed, setPrinted] = useState(false);
  useEffect(() => () => (link ? URL.revokeObjectURL(link.url) : undefined), [link]);
  const failed = reprint.error ?? print.error ?? original.error;
  const reprintIt = () => {
    setPrinted(false);
    if (desktop) {
      print.mutate({ handoverId: h.id, copy: true }, { onSuccess: () => setPrinted(true) });
      return;
    }
    reprint.mutate(
      { handoverId: h.id },
      {
        onSuccess: (d) =>
          setLink({
            url: pdfUrl(d.pdfBase64),
            label: `Ausfertigung der Fassung ${h.version} herunterladen (PDF)`,
            file: `Kooperationsplan-Fassung-${h.version}-Ausfertigung.pdf`,
            notice: d.notice,
          }),
      },
    );
  };
  const originalIt = () =>
    original.mutate(
      { handoverId: h.id },
      {
        onSuccess: (d) =>
          setLink({
            url: pdfUrl(d.pdfBase64),
            label: `Fassung ${h.version} herunterladen (PDF, wie ausgehändigt)`,
            file: `Kooperationsplan-Fassung-${h.version}.pdf`,
          }),
      },
    );
  return (
    <Table.Tr>
      <Table.Td>{h.version}</Table.Td>
      <Table.Td>{formatDate(h.handedOverOn)}</Table.Td>
      <Table.Td>{userName(h.handedOverBy)}</Table.Td>
      <Table.Td>{HANDOVER_FORM_LABELS[h.form]}</Table.Td>
      <Table.Td>{h.templateVersion ?? '–'}</Table.Td>
      <Table.Td>
        {h.pdfSha256 ? (
          <Text span ff="monospace" size="sm" title={h.pdfSha256}>
            {h.pdfSha256.slice(0, 12)}…
          </Text>
        ) : (
          '–'
        )}
      </Table.Td>
      <Table.Td>
        {h.pdfSha256 === null ? (
          <Text size="sm">Kein PDF gespeichert (vor Lotse-Druck ausgehändigt).</Text>
        ) : (
          <Stack gap={4} align="flex-start">
            <Group gap="xs">
              <ReadActionButton
                size="xs"
                variant="default"
                loading={reprint.isPending || print.isPending}
                aria-label={`Fassung ${h.version} erneut drucken`}
                onClick={reprintIt}
              >
                Erneut drucken
              </ReadActionButton>
              <ReadActionButton
                size="xs"
                variant="subtle"
                loading={original.isPending}
                aria-label={`Fassung ${h.version} als PDF, wie ausgehändigt`}
                onClick={originalIt}
              >
                Fassung als PDF
              </ReadActionButton>
            </Group>
            {failed ? (
              <ErrorAlert title="Kein PDF">
                {describeError(failed, 'Das PDF dieser Fassung konnte nicht bereitgestellt werden.')}
              </ErrorAlert>
            ) : null}
            {printed ? <Text size="xs">Die Ausfertigung ist im Druckdialog geöffnet.</Text> : null}
            {link ? (
              <>
                <Anchor href={link.url} download={link.file}>
                  {link.label}
                </Anchor>
                {link.notice ? <Text size="xs">{link.notice}</Text> : null}
              </>
            ) : null}
          </Stack>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
