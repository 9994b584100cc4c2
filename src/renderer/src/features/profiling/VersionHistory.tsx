import { Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ASSESSMENT_STATUS_LABELS } from '../../../../shared/domain/assessment/assessment';
import { defaultCriteriaCatalogue as catalogue } from '../../../../shared/domain/assessment/criteria';
import { diffAssessments } from '../../../../shared/domain/assessment/diff';
import type { AssessmentHistory } from '../../../../shared/ipc/contract';
import { formatDate } from '../../components/format';

type Version = AssessmentHistory['versions'][number];

/**
 * The versions of the Potenzialanalyse (finalized versions are immutable, later changes are
 * amendments) and the differences between two of them side by side, field by field.
 */
export function VersionHistory(props: { versions: Version[] }) {
  const { versions } = props;
  const [newer, setNewer] = useState<string>(versions[0]?.id ?? '');
  const [older, setOlder] = useState<string>(versions[1]?.id ?? '');
  const a = versions.find((v) => v.id === older);
  const b = versions.find((v) => v.id === newer);
  const diff = a && b ? diffAssessments(a, b, catalogue) : [];
  const label = (v: Version) =>
    `Version ${v.version} (${ASSESSMENT_STATUS_LABELS[v.status]}${v.finalizedOn ? ` am ${formatDate(v.finalizedOn)}` : ''})`;
  const options = versions.map((v) => ({ value: v.id, label: label(v) }));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="versionen-titel">
      <Title order={3} size="h4" id="versionen-titel" mb="sm">
        Versionen
      </Title>
      <Table
        withTableBorder
        striped
        layout="fixed"
        aria-label="Versionen der Potenzialanalyse"
        style={{ overflowWrap: 'anywhere' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Stand</Table.Th>
            <Table.Th scope="col">Begonnen</Table.Th>
            <Table.Th scope="col">Abgeschlossen</Table.Th>
            <Table.Th scope="col">Grund der Fortschreibung</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{ASSESSMENT_STATUS_LABELS[v.status]}</Table.Td>
              <Table.Td>{formatDate(v.createdOn)}</Table.Td>
              <Table.Td>{formatDate(v.finalizedOn)}</Table.Td>
              <Table.Td>{v.amendmentReason ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {versions.length > 1 ? (
        <Stack gap="sm" mt="md">
          <Title order={4} size="h5">
            Unterschiede
          </Title>
          <Group grow wrap="wrap" align="flex-start">
            <NativeSelect
              label="Ältere Fassung"
              data={options}
              value={older}
              onChange={(e) => setOlder(e.currentTarget.value)}
              miw={220}
            />
            <NativeSelect
              label="Neuere Fassung"
              data={options}
              value={newer}
              onChange={(e) => setNewer(e.currentTarget.value)}
              miw={220}
            />
          </Group>
          {a && b && diff.length === 0 ? <Text>Die beiden Fassungen unterscheiden sich nicht.</Text> : null}
          {a && b && diff.length > 0 ? (
            <Table.ScrollContainer minWidth={0}>
              <Table
                withTableBorder
                withColumnBorders
                aria-label={`Unterschiede zwischen Version ${a.version} und Version ${b.version}`}
                layout="fixed"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w="30%">
                      Angabe
                    </Table.Th>
                    <Table.Th scope="col">Version {a.version}</Table.Th>
                    <Table.Th scope="col">Version {b.version}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {diff.map((d) => (
                    <Table.Tr key={d.key}>
                      <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {d.section}: {d.label}
                      </Table.Th>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{d.before}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{d.after}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : null}
        </Stack>
      ) : null}
    </Paper>
  );
}
