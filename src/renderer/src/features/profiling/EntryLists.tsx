import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Assessment } from '../../../../shared/domain/assessment/assessment';
import { defaultCriteriaCatalogue as catalogue } from '../../../../shared/domain/assessment/criteria';
import {
  COMPETENCE_CLASS_LABELS,
  EVIDENCE_SOURCE_LABELS,
} from '../../../../shared/domain/assessment/vocabulary';

/**
 * The recorded findings, strengths FIRST (per Schlüsselgröße and Merkmal, with Kompetenzklasse and
 * source), then the needs with their focus. With `onEdit` each Merkmal can be opened in the editor.
 */
export function EntryLists(props: {
  assessment: Pick<Assessment, 'entries'>;
  onEdit?: (criterionId: string) => void;
}) {
  const byId = new Map(props.assessment.entries.map((e) => [e.criterionId, e]));
  const groups = catalogue.keyFactors.map((k) => ({
    keyFactor: k,
    strengths: k.criteria.filter((c) => byId.get(c.id)?.strength),
    needs: k.criteria.filter((c) => byId.get(c.id)?.need),
  }));
  const editButton = (id: string, label: string) =>
    props.onEdit ? (
      <Button
        className="lotse-wrap-button"
        size="compact-sm"
        variant="subtle"
        onClick={() => props.onEdit?.(id)}
      >
        „{label}“ bearbeiten
      </Button>
    ) : null;
  const anyStrength = groups.some((g) => g.strengths.length > 0);
  const anyNeed = groups.some((g) => g.needs.length > 0);
  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="staerken-titel">
        <Title order={3} size="h4" id="staerken-titel" mb="sm">
          Stärken
        </Title>
        {!anyStrength ? (
          <Text>Noch keine Stärke erfasst. Die Potenzialanalyse beginnt mit den Stärken der Person.</Text>
        ) : (
          <Stack gap="sm">
            {groups
              .filter((g) => g.strengths.length > 0)
              .map((g) => (
                <div key={g.keyFactor.id}>
                  <Title order={4} size="h5">
                    {g.keyFactor.label}
                  </Title>
                  <Stack gap={4} component="ul" m={0} pl="md">
                    {g.strengths.map((c) => {
                      const e = byId.get(c.id)!;
                      return (
                        <li key={c.id}>
                          <Group gap="xs" wrap="wrap">
                            <Text fw={600}>{c.label}:</Text>
                            <Text>{e.strength!.text}</Text>
                            {editButton(c.id, c.label)}
                          </Group>
                          <Text size="sm" c="dark.6">
                            {COMPETENCE_CLASS_LABELS[e.strength!.competenceClass]} · Quelle:{' '}
                            {e.evidenceSources.map((s) => EVIDENCE_SOURCE_LABELS[s]).join(', ')}
                          </Text>
                        </li>
                      );
                    })}
                  </Stack>
                </div>
              ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="bedarfe-titel">
        <Title order={3} size="h4" id="bedarfe-titel" mb="sm">
          Handlungsbedarfe
        </Title>
        {!anyNeed ? (
          <Text>Kein Handlungsbedarf erfasst.</Text>
        ) : (
          <Stack gap="sm">
            {groups
              .filter((g) => g.needs.length > 0)
              .map((g) => (
                <div key={g.keyFactor.id}>
                  <Title order={4} size="h5">
                    {g.keyFactor.label}
                  </Title>
                  <Stack gap={4} component="ul" m={0} pl="md">
                    {g.needs.map((c) => {
                      const e = byId.get(c.id)!;
                      return (
                        <li key={c.id}>
                          <Group gap="xs" wrap="wrap">
                            <Text fw={600}>{c.label}:</Text>
                            <Text>{e.need!.focus}</Text>
                            {editButton(c.id, c.label)}
                          </Group>
                          <Text size="sm" c="dark.6">
                            Quelle: {e.evidenceSources.map((s) => EVIDENCE_SOURCE_LABELS[s]).join(', ')}
                            {e.note ? ` · Vermerk: ${e.note}` : ''}
                          </Text>
                        </li>
                      );
                    })}
                  </Stack>
                </div>
              ))}
          </Stack>
        )}
      </Paper>
    </>
  );
}
