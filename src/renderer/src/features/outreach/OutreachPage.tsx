import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CONSENT_FORM_LABELS, CONSENT_FORMS } from '../../../../shared/domain/case/consent';
import { OFFICES, type OfficeId } from '../../../../shared/domain/case/office';
import { READINESS_STATUS_LABELS, type ReadinessStatus } from '../../../../shared/domain/outreach/readiness';
import type { DayAppointment } from '../../../../shared/ipc/contract';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor, RouterButton } from '../../app/links';
import { dayFromParam } from '../../app/route-params';
import { ErrorAlert } from '../../components/ErrorAlert';
import { addDays, formatDate, formatLongDate, formatTime, todayIso } from '../../components/format';
import { parseGermanDate } from '../../../../shared/domain/common/german-date';
import { PageHeader } from '../../components/PageHeader';
import { QueryView } from '../../components/QueryView';
import { applyIpcError } from '../../forms/ipc-form';
import { DuplicatesPanel } from './DuplicatesPanel';
import { invalidationsFor } from '../../api/data-changes';

/** Status words never by colour alone: the badge carries the German word. */
const STATUS_COLORS: Record<ReadinessStatus, string> = {
  // dark enough for white text at 4.5:1 (WCAG 2.1 AA)
  ok: '#1e6b34',
  warning: '#8a3a00',
  blocking: '#a51d1d',
  unknown: '#343a40',
};

function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

function Section(props: { title: string; children: React.ReactNode; description?: string }) {
  return (
    <Paper component="section" aria-label={props.title} withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {props.title}
      </Title>
      {props.description ? <Text mb="sm">{props.description}</Text> : null}
      {props.children}
    </Paper>
  );
}

function AppointmentChoice(props: {
  items: DayAppointment[];
  chosen: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
}) {
  if (props.items.length === 0)
    return <Text>An diesem Tag gibt es keine Außentermine (JVA-Sprechtag, Hausbesuch).</Text>;
  return (
    <Stack gap="xs" role="group" aria-label="Termine des Außentermins">
      {props.items.map((a) => (
        <Group key={a.id} gap="sm" wrap="nowrap">
          <Checkbox
            checked={props.chosen.has(a.id)}
            onChange={(e) => props.onToggle(a.id, e.currentTarget.checked)}
            label={`${formatTime(a.startsAt)} · ${a.personName} · ${a.caseNumber} · ${a.location || 'ohne Ort'}`}
          />
          <RouterAnchor
            to="/faelle/$caseId/vermerke"
            params={{ caseId: a.caseId }}
            size="sm"
            aria-label={`Kontakt erfassen: ${a.personName}`}
          >
            Kontakt erfassen
          </RouterAnchor>
        </Group>
      ))}
    </Stack>
  );
}

function ReadinessList(props: { day: string; appointmentIds: string[] }) {
  const readiness = useQuery(
    ipcQueryOptions('outreach:readiness', { day: props.day, appointmentIds: props.appointmentIds }),
  );
  const syncNow = useIpcMutation('sync:now', {
    invalidates: ['sync:', 'outreach:', 'duplicates:', 'cases:'],
  });
  return (
    <Stack gap="sm">
      <QueryView
        query={readiness}
        loadingLabel="Bereitschaft wird geprüft"
        errorTitle="Bereitschaft nicht prüfbar"
        fallback="Die Bereitschaft konnte nicht geprüft werden."
      >
        {(r) => (
          <Stack gap="sm">
            <Text fw={700}>
              {r.ready
                ? r.allOk
                  ? 'Das Gerät ist bereit für den Außentermin.'
                  : 'Das Gerät ist bereit; einige Punkte sollten Sie noch prüfen.'
                : 'Das Gerät ist noch nicht bereit für den Außentermin.'}
            </Text>
            <List listStyleType="none" spacing="sm" aria-label="Prüfpunkte">
              {r.items.map((i) => (
                <List.Item key={i.id}>
                  <Group gap="sm" align="flex-start" wrap="nowrap">
                    <Badge color={STATUS_COLORS[i.status]} variant="filled" miw={130}>
                      {READINESS_STATUS_LABELS[i.status]}
                    </Badge>
                    <div>
                      <Text fw={600}>{i.label}</Text>
                      <Text>{i.detail}</Text>
                      {i.action ? <Text>Zu tun: {i.action}</Text> : null}
                    </div>
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </QueryView>
      <Group gap="sm">
        <Button variant="default" onClick={() => void readiness.refetch()}>
          Erneut prüfen
        </Button>
        <Button loading={syncNow.isPending} onClick={() => syncNow.mutate(undefined)}>
          Jetzt synchronisieren
        </Button>
      </Group>
      {syncNow.isError ? (
        <ErrorAlert title="Synchronisation nicht möglich">
          {describeError(syncNow.error, 'Die Synchronisation konnte nicht gestartet werden.')}
        </ErrorAlert>
      ) : syncNow.data?.error ? (
        <ErrorAlert title="Synchronisation nicht möglich">
          {syncNow.data.error.message} Ohne Netz arbeiten Sie weiter; Änderungen warten auf dem Gerät.
        </ErrorAlert>
      ) : null}
    </Stack>
  );
}

function ConsentForms(props: { day: string; location: string; officeId: OfficeId }) {
  const [copies, setCopies] = useState<number | string>(5);
  const [location, setLocation] = useState(props.location);
  const [link, setLink] = useState<{ url: string; file: string } | null>(null);
  const create = useIpcMutation('outreach:consent-forms');
  return (
    <Stack gap="sm">
      <Group gap="md" align="flex-end">
        <TextInput label="Ort" value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
        <NumberInput label="Anzahl der Bögen" min={1} max={50} value={copies} onChange={setCopies} w={170} />
        <Button
          loading={create.isPending}
          onClick={() =>
            create.mutate(
              { day: props.day, location, copies: Number(copies), officeId: props.officeId },
              { onSuccess: (d) => setLink({ url: pdfUrl(d.pdfBase64), file: d.fileName }) },
            )
          }
        >
          Einwilligungsbögen erstellen (PDF)
        </Button>
      </Group>
      {create.isError ? (
        <ErrorAlert title="Bögen nicht erstellt">
          {describeError(create.error, 'Die Einwilligungsbögen konnten nicht erstellt werden.')}
        </ErrorAlert>
      ) : null}
      {link ? (
        <Anchor href={link.url} download={link.file}>
          Einwilligungsbögen herunterladen und drucken (PDF)
        </Anchor>
      ) : null}
    </Stack>
  );
}

const FIELD_MAP = {
  'person.firstName': 'firstName',
  'person.lastName': 'lastName',
  'person.birthDate': 'birthDate',
  'person.expectedReleaseDate': 'expectedReleaseDate',
  'person.customerNumber': 'customerNumber',
  'consent.givenOn': 'givenOn',
  'consent.form': 'form',
  'contact.subject': 'subject',
} as const;

/** What the form holds: the typed text of each field the IPC input names (see FIELD_MAP). */
type ContactValues = Record<(typeof FIELD_MAP)[keyof typeof FIELD_MAP], string>;

function PreReleaseContactForm(props: { officeId: OfficeId }) {
  const today = todayIso();
  const form = useForm<ContactValues>({
    mode: 'controlled',
    initialValues: {
      firstName: '',
      lastName: '',
      birthDate: '',
      expectedReleaseDate: '',
      customerNumber: '',
      givenOn: formatDate(today),
      form: 'schriftlich',
      subject: 'Erstkontakt vor der Entlassung',
    },
  });
  const create = useIpcMutation('outreach:create-contact', {
    // a person with household, case, consent and contact; the outbox and the readiness change too
    invalidates: [
      ...invalidationsFor('households', 'persons', 'cases', 'consents', 'contacts'),
      'sync:',
      'outreach:',
    ],
  });
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<{ caseId: string; caseNumber: string; name: string } | null>(null);
  // after a refused submit the focus goes to the first marked field (Enter in the last field must
  // not leave a keyboard or screen-reader user where nothing is wrong)
  const formRef = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  return (
    <form
      ref={formRef}
      noValidate
      aria-label="Kontakt vor der Entlassung erfassen"
      onSubmit={form.onSubmit((v) => {
        setFormError(undefined);
        // dates typed as TT.MM.JJJJ; the domain schemas check them again in main
        const errors: Record<string, string> = {};
        const date = (key: 'birthDate' | 'expectedReleaseDate' | 'givenOn', optional = false) => {
          if (optional && v[key].trim() === '') return null;
          const parsed = parseGermanDate(v[key]);
          if (parsed.ok) return parsed.value;
          errors[key] = parsed.message;
          return null;
        };
        const birthDate = date('birthDate');
        const expectedReleaseDate = date('expectedReleaseDate', true);
        const givenOn = date('givenOn');
        if (Object.keys(errors).length > 0 || !birthDate || !givenOn) {
          form.setErrors(errors);
          setRefusals((n) => n + 1);
          return;
        }
        create.mutate(
          {
            officeId: props.officeId,
            person: {
              firstName: v.firstName,
              lastName: v.lastName,
              birthDate,
              expectedReleaseDate,
              customerNumber: v.customerNumber || null,
            },
            consent: { givenOn, form: v.form as (typeof CONSENT_FORMS)[number] },
            contact: { occurredAt: new Date().toISOString(), subject: v.subject },
          },
          {
            onSuccess: (r) => {
              setCreated({
                caseId: r.caseId,
                caseNumber: r.caseNumber,
                name: `${v.firstName} ${v.lastName}`,
              });
              form.reset();
            },
            onError: (e) => {
              setFormError(applyIpcError(form, e, 'Der Kontakt wurde nicht gespeichert.', FIELD_MAP));
              setRefusals((n) => n + 1);
            },
          },
        );
      })}
    >
      <Stack gap="sm">
        {formError ? <ErrorAlert title="Nicht gespeichert">{formError}</ErrorAlert> : null}
        {created ? (
          <Paper withBorder p="sm" role="status">
            <Text>
              Gespeichert: {created.name}, vorläufige Fallnummer {created.caseNumber}. Die endgültige Nummer
              vergibt der Server bei der nächsten Synchronisation.{' '}
              <RouterAnchor to="/faelle/$caseId" params={{ caseId: created.caseId }} underline="always">
                Fall öffnen
              </RouterAnchor>
            </Text>
          </Paper>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Vorname" required {...form.getInputProps('firstName')} />
          <TextInput label="Nachname" required {...form.getInputProps('lastName')} />
          <TextInput
            label="Geburtsdatum"
            description="TT.MM.JJJJ"
            required
            {...form.getInputProps('birthDate')}
          />
          <TextInput
            label="Voraussichtliche Entlassung"
            description="TT.MM.JJJJ"
            {...form.getInputProps('expectedReleaseDate')}
          />
          <TextInput label="Kundennummer (falls vorhanden)" {...form.getInputProps('customerNumber')} />
          <TextInput label="Anlass des Kontakts" required {...form.getInputProps('subject')} />
          <TextInput
            label="Einwilligung erteilt am"
            description="TT.MM.JJJJ"
            required
            {...form.getInputProps('givenOn')}
          />
          <NativeSelect
            label="Form der Einwilligung"
            data={CONSENT_FORMS.map((f) => ({ value: f, label: CONSENT_FORM_LABELS[f] }))}
            {...form.getInputProps('form')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Kontakt mit Einwilligung speichern
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Außentermin vorbereiten (issue 12 item 6): the appointments of an outreach day (JVA Torgau, home
 * visits), whether this laptop is ready for a day without network, blank consent forms to print,
 * pre-release contacts during the day, and what the server found afterwards (possible duplicates).
 */
export function OutreachPage() {
  const requested = useParams({ strict: false, select: (p) => p.day });
  const day = dayFromParam(requested, todayIso());
  const appointments = useQuery(ipcQueryOptions('appointments:list-day', { day, outreach: true }));
  const items = useMemo(() => appointments.data ?? [], [appointments.data]);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  // all appointments of the day are chosen until the caseworker changes the choice
  const selection = chosen ?? new Set(items.map((a) => a.id));
  const ids = items.filter((a) => selection.has(a.id)).map((a) => a.id);
  const officeId = (items.find((a) => selection.has(a.id))?.officeId ?? 'torgau') as OfficeId;
  const location = items.find((a) => selection.has(a.id) && a.location)?.location ?? 'JVA Torgau';
  const office = OFFICES.some((o) => o.id === officeId) ? officeId : 'torgau';

  return (
    <>
      <PageHeader
        title="Außentermin vorbereiten"
        description={`${formatLongDate(day)} · ohne Netz arbeiten, danach abgleichen`}
        actions={
          <Group gap="xs" role="group" aria-label="Tag wählen">
            <RouterButton variant="default" to="/aussentermin/$day" params={{ day: addDays(day, -1) }}>
              Vorheriger Tag
            </RouterButton>
            <RouterButton variant="default" to="/aussentermin/$day" params={{ day: addDays(day, 1) }}>
              Nächster Tag
            </RouterButton>
          </Group>
        }
      />
      <Stack gap="lg">
        <Section
          title="1. Termine des Tages"
          description="Die Fälle dieser Termine müssen auf dem Gerät sein. Kontakte zu bestehenden Fällen erfassen Sie im Fall unter „Vermerke & Kontakte“ – auch ohne Netz."
        >
          <QueryView
            query={appointments}
            loadingLabel="Termine werden geladen"
            errorTitle="Termine nicht verfügbar"
            fallback="Die Termine konnten nicht geladen werden."
          >
            {() => (
              <AppointmentChoice
                items={items}
                chosen={selection}
                onToggle={(id, on) => {
                  const next = new Set(selection);
                  if (on) next.add(id);
                  else next.delete(id);
                  setChosen(next);
                }}
              />
            )}
          </QueryView>
        </Section>
        <Section title="2. Bereitschaft des Geräts">
          <ReadinessList day={day} appointmentIds={ids} />
        </Section>
        <Section
          title="3. Einwilligungsbögen drucken"
          description="Blanko-Bögen zur Einwilligung in den Kontakt vor der Haftentlassung, zum Ausfüllen von Hand."
        >
          <ConsentForms key={location} day={day} location={location} officeId={office} />
        </Section>
        <Section
          title="4. Kontakt vor der Entlassung erfassen"
          description="Eine neue Person mit unterschriebener Einwilligung: Lotse legt Person und Fall mit vorläufiger Fallnummer an und speichert Einwilligung und Kontakt – auch ohne Netz."
        >
          <PreReleaseContactForm officeId={office} />
        </Section>
        <DuplicatesPanel />
      </Stack>
    </>
  );
}
