import { List, Progress, Stack, Text } from '@mantine/core';
import { assessPassphrase } from '../../../../shared/security/passphrase-policy';

const COLORS = ['red.9', 'red.9', 'yellow.9', 'green.9', 'green.9'] as const;

/** Strength as text and bar (never colour alone), with German hints. */
export function PassphraseStrength(props: { value: string; id: string }) {
  const a = assessPassphrase(props.value);
  return (
    <Stack gap={6} id={props.id} aria-live="polite">
      <Progress
        value={(a.strength + 1) * 20}
        color={COLORS[a.strength]}
        size="sm"
        aria-label={`Stärke der Passphrase: ${a.label}`}
      />
      <Text size="sm">
        Stärke: <strong>{a.label}</strong>
      </Text>
      {a.hints.length > 0 ? (
        <List size="sm" spacing={2}>
          {a.hints.map((hint) => (
            <List.Item key={hint}>{hint}</List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}
