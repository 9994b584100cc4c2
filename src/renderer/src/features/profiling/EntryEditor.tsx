import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Assessment } from '../../../../shared/domain/assessment/assessment';
import {
  defaultCriteriaCatalogue as catalogue,
  findCriterion,
} from '../../../../shared/domain/assessment/criteria';
import {
  COMPETENCE_CLASS_LABELS,
  COMPETENCE_CLASSES,
  EVIDENCE_SOURCE_LABELS,
  EVIDENCE_SOURCES,
  type CompetenceClass,
  type EvidenceSource,
} from '../../../../shared/domain/assessment/vocabulary';
import { describeError } from '../../api/errors';
import { useIpcMutation } from '../../api/query';
import {
  checkEntry,
  entryOf,
  formValuesOf,
  isEmptyEntry,
  type EntryFormValues,
  type EntryInput,
} from './entry-form';
import { invalidationsFor } from '../../api/data-changes';

/** Milliseconds of quiet typing after which a draft entry is saved. */
const AUTOSAVE_DELAY_MS = 600;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string | null }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

function saveText(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return 'Noch nichts erfasst.';
    case 'waiting':
      return 'Änderungen werden gleich gespeichert …';
    case 'saving':
      return 'Wird gespeichert …';
    case 'saved':
      return state.at ? `Entwurf gespeichert um ${state.at} Uhr.` : 'Im Entwurf gespeichert.';
    case 'invalid':
      return 'Nicht gespeichert: Bitte die markierten Felder prüfen.';
    case 'failed':
      return `Nicht gespeichert: ${state.message}`;
  }
}

const clock = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const optionsByKeyFactor = catalogue.keyFactors.map((k) => ({
  group: k.label,
  items: k.criteria.map((c) => ({ value: c.id, label: c.label })),
}));

/**
 * Edits the entry of one Merkmal of a draft: strength first (text, Kompetenzklasse), then the
 * need with its focus, evidence and note. Every change is checked with the write's own schema and
 * saved after a short pause (record-entry, an upsert per Merkmal in the encrypted store), so a
 * crash or a lock loses at most the last keystrokes. Bad input is named at its field and not saved.
 */
export function EntryEditor(props: {
  draft: Assessment & { rowVersion: number };
  criterionId: string;
  onCriterionChange: (criterionId: string) => void;
  /** The entry as the form currently stands (for live hints), or null when it is not valid. */
  onLiveEntry: (entry: EntryInput | null) => void;
}) {
  const { draft, criterionId } = props;
  const stored = draft.entries.find((e) => e.criterionId === criterionId);
  const info = findCriterion(catalogue, criterionId);
  const [values, setValues] = useState<EntryFormValues>(() => formValuesOf(stored));
  const [touched, setTouched] = useState(false);
  // What was last saved (as JSON of the entry) and when; what failed to save and why.
  const [saved, setSaved] = useState<{ json: string; at: string | null } | null>(() =>
    stored ? { json: JSON.stringify(entryOf(criterionId, formValuesOf(stored), catalogue)), at: null } : null,
  );
  const [failed, setFailed] = useState<{ json: string; message: string } | null>(null);
  const save = useIpcMutation('assessments:record-entry', {
    invalidates: invalidationsFor('assessments'),
  });
  const mutate = save.mutate;
  const onLiveEntry = props.onLiveEntry;

  const check = useMemo(
    () => checkEntry(draft.id, criterionId, values, catalogue),
    [draft.id, criterionId, values],
  );
  const valid = Object.keys(check.errors).length === 0 && check.other.length === 0;
  const json = JSON.stringify(check.entry);
  const empty = isEmptyEntry(check.entry);
  useEffect(() => onLiveEntry(valid ? check.entry : null), [valid, check.entry, onLiveEntry]);

  // Saved after a short pause in typing: one upsert of this Merkmal's entry.
  const needsSave = touched && valid && !empty && json !== saved?.json;
  useEffect(() => {
    if (!needsSave) return;
    const timer = setTimeout(() => {
      mutate(
        { assessmentId: draft.id, entry: JSON.parse(json) as EntryInput },
        {
          onSuccess: () => {
            setFailed(null);
            setSaved({ json, at: clock.format(new Date()) });
          },
          onError: (error) =>
            setFailed({
              json,
              message: describeError(error, 'Der Entwurf konnte nicht gespeichert werden.'),
            }),
        },
      );
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [needsSave, json, draft.id, mutate]);

  const state: SaveState =
    touched && !valid
      ? { kind: 'invalid' }
      : save.isPending
        ? { kind: 'saving' }
        : failed && failed.json === json
          ? { kind: 'failed', message: failed.message }
          : saved && saved.json === json
            ? { kind: 'saved', at: saved.at }
            : empty
              ? { kind: 'idle' }
              : { kind: 'waiting' };

  const set = <K extends keyof EntryFormValues>(key: K, value: EntryFormValues[K]) => {
    setTouched(true);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const error = (key: keyof EntryFormValues) => (touched ? check.errors[key] : undefined);
  const remove = useIpcMutation('assessments:remove-entry', {
    invalidates: invalidationsFor('assessments'),
  });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="merkmal-titel">
      <Title order={3} size="h4" id="merkmal-titel" mb="sm">
        Merkmal erfassen
      </Title>
      <Stack gap="sm">
        <NativeSelect
          label="Merkmal"
          description="Nach Schlüsselgröße geordnet. Ein erfasstes Merkmal wird hier weiterbearbeitet."
          data={optionsByKeyFactor.map((g) => ({
            group: g.group,
            items: g.items.map((i) => ({
              ...i,
              label: draft.entries.some((e) => e.criterionId === i.value) ? `${i.label} (erfasst)` : i.label,
            })),
          }))}
          value={criterionId}
          onChange={(e) => props.onCriterionChange(e.currentTarget.value)}
        />
        {info?.criterion.hint ? (
          <Text size="sm" c="dark.6">
            Hinweis: {info.criterion.hint}
          </Text>
        ) : null}
        <fieldset className="lotse-fieldset">
          <legend>Stärke</legend>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <Textarea
              label="Stärke in Worten"
              autosize
              minRows={2}
              value={values.strengthText}
              onChange={(e) => set('strengthText', e.currentTarget.value)}
              error={error('strengthText')}
            />
            <NativeSelect
              label="Kompetenzklasse"
              data={[
                { value: '', label: 'Keine Stärke erfasst' },
                ...COMPETENCE_CLASSES.map((c) => ({ value: c, label: COMPETENCE_CLASS_LABELS[c] })),
              ]}
              value={values.competenceClass}
              onChange={(e) => set('competenceClass', e.currentTarget.value as CompetenceClass | '')}
              error={error('competenceClass')}
            />
          </SimpleGrid>
        </fieldset>
        <fieldset className="lotse-fieldset">
          <legend>Handlungsbedarf</legend>
          <Stack gap="xs">
            <Checkbox
              label="Handlungsbedarf bei diesem Merkmal"
              checked={values.hasNeed}
              onChange={(e) => set('hasNeed', e.currentTarget.checked)}
            />
            {values.hasNeed ? (
              <Textarea
                label="Schwerpunkt des Handlungsbedarfs"
                autosize
                minRows={2}
                value={values.needFocus}
                onChange={(e) => set('needFocus', e.currentTarget.value)}
                error={error('needFocus')}
              />
            ) : null}
            {info?.criterion.healthRelated ? (
              <Textarea
                label="Funktionelle Einschränkungen (nur laut Teil A des Gutachtens, keine Diagnosen)"
                autosize
                minRows={2}
                value={values.functionalLimitations}
                onChange={(e) => set('functionalLimitations', e.currentTarget.value)}
                error={error('functionalLimitations')}
              />
            ) : null}
          </Stack>
        </fieldset>
        <Checkbox.Group
          label="Informationsquellen"
          value={values.evidenceSources}
          onChange={(v) => set('evidenceSources', v as EvidenceSource[])}
          error={error('evidenceSources')}
        >
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing={4} mt={4}>
            {EVIDENCE_SOURCES.map((s) => (
              <Checkbox key={s} value={s} label={EVIDENCE_SOURCE_LABELS[s]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea
          label="Vermerk"
          description="Erläutert z. B., wie eine Stärke und ein Handlungsbedarf beim selben Merkmal zusammenpassen."
          autosize
          minRows={1}
          value={values.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={error('note')}
        />
        {touched && check.other.length > 0 ? <Text c="red.9">{check.other.join(' ')}</Text> : null}
        <Group justify="space-between" wrap="wrap">
          <Text
            role="status"
            size="sm"
            fw={600}
            c={state.kind === 'invalid' || state.kind === 'failed' ? 'red.9' : 'dark.7'}
          >
            {saveText(state)}
          </Text>
          {stored ? (
            <Button
              className="lotse-wrap-button"
              variant="outline"
              color="red.9"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { assessmentId: draft.id, criterionId },
                  {
                    onSuccess: () => {
                      setValues(formValuesOf(undefined));
                      setTouched(false);
                      setSaved(null);
                    },
                  },
                )
              }
            >
              Eintrag „{info?.criterion.label ?? criterionId}“ entfernen
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}
