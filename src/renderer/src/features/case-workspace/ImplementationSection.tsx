import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { PHASE_STATE_LABELS } from '../../../../shared/domain/case/phase-progress';
import { useCaseDetail } from './case-detail';

/**
 * Phase 4 (Umsetzung und Nachhaltung): what the records say is done and what is missing —
 * Kooperationsplan handed over, its review, the outcomes of ended measures.
 */
export function ImplementationSection() {
  const detail = useCaseDetail();
  const phase = detail.phases.find((p) => p.phase === 4);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="umsetzung-titel">
      <Title order={2} size="h3" id="umsetzung-titel" mb="sm">
        Phase 4: Umsetzung und Nachhaltung
      </Title>
      {phase ? (
        <Stack gap="sm">
          <Text fw={600}>Stand: {PHASE_STATE_LABELS[phase.state]}.</Text>
          {phase.done.length > 0 ? (
            <>
              <Title order={3} size="h5">
                Erledigt
              </Title>
              <List>
                {phase.done.map((d, i) => (
                  <List.Item key={`${i}-${d}`}>{d}</List.Item>
                ))}
              </List>
            </>
          ) : null}
          {phase.missing.length > 0 ? (
            <>
              <Title order={3} size="h5">
                Es fehlt
              </Title>
              <List>
                {phase.missing.map((m, i) => (
                  <List.Item key={`${i}-${m}`}>{m}</List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  );
}
