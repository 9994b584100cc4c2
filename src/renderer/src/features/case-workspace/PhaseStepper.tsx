import { Button, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { IconCircle, IconCircleCheck, IconProgress } from '@tabler/icons-react';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { PHASE_LABELS, PHASES } from '../../../../shared/domain/case/case';
import { PHASE_STATE_LABELS } from '../../../../shared/domain/case/phase-progress';
import { describeError } from '../../api/errors';
import { ipcQueryOptions, useIpcMutation } from '../../api/query';
import { RouterAnchor } from '../../app/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PHASE_SECTIONS } from './sections';
import { invalidationsFor } from '../../api/data-changes';

const STATE_ICON = {
  complete: <IconCircleCheck size={18} aria-hidden />,
  inProgress: <IconProgress size={18} aria-hidden />,
  open: <IconCircle size={18} aria-hidden />,
} as const;
const STATE_COLOR = { complete: 'teal.9', inProgress: 'lotse.8', open: 'gray.7' } as const;
/** The last phase of the 4PM: complete there, a case has no phase to move on to. */
const LAST_PHASE = PHASES[PHASES.length - 1]!;

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
              {/* complete but not yet moved on: the case is still here, and may move */}
              {p.phase !== detail.summary.phase
                ? ''
                : p.state === 'complete' && p.phase !== LAST_PHASE
                  ? ' · aktuelle Phase, bereit zum Wechsel'
                  : ' · aktuelle Phase'}
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
      <PhaseAdvance caseId={caseId} rowVersion={detail.case.rowVersion} />
    </Paper>
  );
}

/**
 * Whether the case may move on to the next phase, with every condition of the domain in words
 * (met or not), and the move itself when they hold.
 */
function PhaseAdvance(props: { caseId: string; rowVersion: number }) {
  const check = useQuery(ipcQueryOptions('cases:phase-check', { caseId: props.caseId }));
  const advance = useIpcMutation('cases:advance-phase', {
    invalidates: invalidationsFor('cases'),
  });
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const c = check.data;
  if (!c) return null;
  return (
    <Stack gap={4} mt="sm" aria-labelledby="phasenwechsel-titel" component="section">
      <Title order={3} size="h5" id="phasenwechsel-titel">
        {c.to === null ? 'Phasenwechsel' : `Wechsel in Phase ${c.to}`}
      </Title>
      <Text size="sm">
        {c.to === null
          ? c.explanation
          : c.canAdvance
            ? 'Die Bedingungen sind erfüllt.'
            : 'Der Fall bleibt in dieser Phase, solange nicht alle Bedingungen erfüllt sind.'}
      </Text>
      {c.conditions.length > 0 ? (
        <List size="sm" spacing={2}>
          {c.conditions.map((cond) => (
            <List.Item key={cond.text}>
              {cond.met ? 'Erfüllt: ' : 'Offen: '}
              {cond.text}
            </List.Item>
          ))}
        </List>
      ) : null}
      {message ? (
        <Text size="sm" fw={600} role="status">
          {message}
        </Text>
      ) : null}
      {error ? <ErrorAlert title="Phase nicht gewechselt">{error}</ErrorAlert> : null}
      {c.canAdvance && c.to !== null ? (
        <Button
          w="fit-content"
          size="sm"
          mt={4}
          loading={advance.isPending}
          onClick={() => {
            setError(undefined);
            advance.mutate(
              { caseId: props.caseId, expectedRowVersion: props.rowVersion },
              {
                onSuccess: (r) =>
                  setMessage(`Der Fall ist jetzt in Phase ${r.case.phase} „${PHASE_LABELS[r.case.phase]}“.`),
                onError: (e) => setError(describeError(e, 'Die Phase wurde nicht gewechselt.')),
              },
            );
          }}
        >
          In Phase {c.to} wechseln
        </Button>
      ) : null}
    </Stack>
  );
}
