import { Group, List, Paper, SimpleGrid, Text, Title, VisuallyHidden } from '@mantine/core';
import { isSingleParentHousehold, minorChildrenOn } from '../../../../shared/domain/case/household';
import type { CaseDetailDto } from '../../../../shared/ipc/contract';
import { ageOn, formatDate, todayIso } from '../../components/format';

/** The household in one sentence: "3 Personen, 1 Kind unter 18, alleinerziehend". */
export function householdSummary(detail: CaseDetailDto, today: string): string {
  const h = detail.household;
  if (!h) return 'Keine Bedarfsgemeinschaft erfasst.';
  const members = h.members.length;
  const children = minorChildrenOn(h, today);
  const parts = [
    `${members} ${members === 1 ? 'Person' : 'Personen'}`,
    children === 0 ? 'keine Kinder unter 18' : `${children} ${children === 1 ? 'Kind' : 'Kinder'} unter 18`,
  ];
  if (isSingleParentHousehold(h, today)) parts.push('alleinerziehend');
  return `${parts.join(', ')} (BG ${h.householdNumber}).`;
}

/** Header facts of the case workspace: person, household summary, target groups with their reasons. */
export function CaseFacts(props: { detail: CaseDetailDto }) {
  const { detail } = props;
  const s = detail.summary;
  const today = todayIso();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="fall-eckdaten">
      <VisuallyHidden>
        <Title order={2} id="fall-eckdaten">
          Eckdaten
        </Title>
      </VisuallyHidden>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <div>
          <Text fw={700}>Person</Text>
          <Text>
            geboren {formatDate(s.birthDate)} ({ageOn(s.birthDate, today)} Jahre){s.town ? `, ${s.town}` : ''}
          </Text>
        </div>
        <div>
          <Text fw={700}>Bedarfsgemeinschaft</Text>
          <Text>{householdSummary(detail, today)}</Text>
        </div>
        <div>
          <Text fw={700}>Zielgruppen</Text>
          {detail.targetGroups.length === 0 ? (
            <Text>Keine Zielgruppe.</Text>
          ) : (
            <List size="sm" spacing={2}>
              {detail.targetGroups.map((t) => (
                <List.Item key={t.group}>
                  <Group gap={4} wrap="wrap" component="span">
                    <Text span fw={600} size="sm">
                      {t.label}:
                    </Text>
                    <Text span size="sm">
                      {t.reason}
                    </Text>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </div>
      </SimpleGrid>
    </Paper>
  );
}
