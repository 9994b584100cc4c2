import { List, Paper, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircle, IconCircleCheck, IconProgress } from '@tabler/icons-react';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { PHASE_STATE_LABELS } from '../../../../shared/domain/case/phase-progress';
import { RouterAnchor } from '../../app/links';
import { PHASE_SECTIONS } from './sections';

const STATE_ICON = {
  complete: <IconCircleCheck size={18} aria-hidden />,
  inProgress: <IconProgress size={18} aria-hidden />,
  open: <IconCircle size={18} aria-hidden />,
} as const;
const STATE_COLOR = { complete: 'teal.9', inProgress: 'lotse.8', open: 'gray.7' } as const;

/**
 * The 4PM phase stepper of the case workspace: each phase links to its section and says in words
 * what is complete and what is missing (the icon and colour only repeat the text).
 */
export function PhaseStepper(props: { detail: CaseDetailDto }) {
  const { detail } = props;
  const caseId = detail.summary.caseId;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="phasen-titel">
      <Title order={2} size="h4" mb="sm" id="phasen-titel">
        Vier-Phasen-Modell
      </Title>
      <SimpleGrid
        component="ol"
        cols={{ base: 1, sm: 2, xl: 4 }}
        spacing="sm"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {detail.phases.map((p) => (
          <Paper
            component="li"
            key={p.phase}
            withBorder
            p="sm"
            radius="sm"
            style={{ borderWidth: p.state === 'complete' ? 2 : 1 }}
            aria-current={p.phase === detail.summary.phase ? 'step' : undefined}
          >
            <RouterAnchor
              to={PHASE_SECTIONS[p.phase]}
              params={{ caseId }}
              fw={700}
              activeProps={{ underline: 'always' }}
            >
              Phase {p.phase}: {p.label}
            </RouterAnchor>
            <Text
              size="sm"
              mt={4}
              c={STATE_COLOR[p.state]}
              fw={600}
              style={{ display: 'flex', gap: 6, alignItems: 'center' }}
            >
              <ThemeIcon variant="transparent" color={STATE_COLOR[p.state]} size="sm" aria-hidden>
                {STATE_ICON[p.state]}
              </ThemeIcon>
              {PHASE_STATE_LABELS[p.state].charAt(0).toLocaleUpperCase('de-DE') +
                PHASE_STATE_LABELS[p.state].slice(1)}
              {p.phase === detail.summary.phase ? ' · aktuelle Phase' : ''}
            </Text>
            {p.missing.length > 0 ? (
              <>
                <Text size="sm" mt={4}>
                  Es fehlt:
                </Text>
                <List size="sm" spacing={2}>
                  {p.missing.map((m, i) => (
                    <List.Item key={`${i}-${m}`}>{m}</List.Item>
                  ))}
                </List>
              </>
            ) : (
              <List size="sm" spacing={2} mt={4}>
                {p.done.map((d, i) => (
                  <List.Item key={`${i}-${d}`}>{d}</List.Item>
                ))}
              </List>
            )}
          </Paper>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
