import { Button, List, Stack, Text } from '@mantine/core';
import type { AppErrorCode } from '../../../../shared/errors';
import { LockLayout } from './LockLayout';

export const RECOVERABLE_CODES = [
  'DB_WRONG_KEY',
  'DB_CORRUPTED',
  'DB_READ_ONLY',
  'DB_DISK_FULL',
  'DB_FROM_FUTURE',
  'VAULT_KEYSTORE_DAMAGED',
] as const satisfies readonly AppErrorCode[];
export type RecoverableCode = (typeof RECOVERABLE_CODES)[number];

export function isRecoverable(code: AppErrorCode): code is RecoverableCode {
  return (RECOVERABLE_CODES as readonly string[]).includes(code);
}

const GUIDE: Record<RecoverableCode, { title: string; intro: string; steps: string[] }> = {
  DB_WRONG_KEY: {
    title: 'Schlüssel und Datenbank passen nicht zusammen',
    intro:
      'Die lokale Datenbank lässt sich mit dem gespeicherten Schlüssel nicht öffnen. Lotse hat nichts verändert oder gelöscht.',
    steps: [
      'Wenden Sie sich an den IT-Support und nennen Sie den Code DB_WRONG_KEY.',
      'Der IT-Support kann den Zugang mit dem Wiederherstellungsschlüssel der Organisation prüfen.',
    ],
  },
  DB_CORRUPTED: {
    title: 'Die lokale Datenbank ist beschädigt',
    intro: 'Lotse hat die Datenbank nicht verändert und nichts gelöscht.',
    steps: [
      'Beenden Sie Lotse nicht über den Task-Manager und schalten Sie das Gerät nicht hart aus.',
      'Wenden Sie sich an den IT-Support (Code DB_CORRUPTED). Eine verschlüsselte Sicherung kann eingespielt werden.',
      'Bereits synchronisierte Fälle lassen sich vom zentralen Server neu laden.',
    ],
  },
  DB_READ_ONLY: {
    title: 'Die lokale Datenbank ist schreibgeschützt',
    intro: 'Lotse kann Ihre Änderungen gerade nicht speichern. Es gehen keine Daten verloren.',
    steps: [
      'Prüfen Sie, ob der Datenträger schreibgeschützt oder das Netzlaufwerk getrennt ist.',
      'Falls das Problem bleibt: IT-Support, Code DB_READ_ONLY.',
    ],
  },
  DB_DISK_FULL: {
    title: 'Der Datenträger ist voll',
    intro: 'Lotse kann Ihre Änderungen gerade nicht speichern. Es gehen keine Daten verloren.',
    steps: [
      'Geben Sie Speicherplatz frei (z. B. Downloads oder den Papierkorb leeren).',
      'Versuchen Sie es dann erneut.',
    ],
  },
  DB_FROM_FUTURE: {
    title: 'Die Daten stammen von einer neueren Lotse-Version',
    intro: 'Diese Lotse-Version ist älter als Ihre Daten. Ihre Daten bleiben unverändert erhalten.',
    steps: [
      'Installieren Sie die aktuelle Lotse-Version (Softwareverteilung oder IT-Support).',
      'Starten Sie Lotse danach neu.',
    ],
  },
  VAULT_KEYSTORE_DAMAGED: {
    title: 'Der Schlüsselspeicher ist beschädigt',
    intro:
      'Ohne den Schlüsselspeicher lässt sich die verschlüsselte Datenbank nicht öffnen. Lotse hat nichts gelöscht.',
    steps: [
      'Wenden Sie sich an den IT-Support (Code VAULT_KEYSTORE_DAMAGED).',
      'Mit dem Wiederherstellungsschlüssel der Organisation können auch noch nicht synchronisierte Änderungen gerettet werden.',
    ],
  },
};

/** One screen per failure kind: what happened, that nothing was deleted, what to do next. */
export function RecoveryScreen(props: { code: RecoverableCode; onRetry: () => void }) {
  const guide = GUIDE[props.code];
  return (
    <LockLayout title={guide.title} intro={guide.intro}>
      <Stack gap="md" role="alert" aria-live="assertive">
        <Text fw={600}>So geht es weiter:</Text>
        <List type="ordered" spacing="xs">
          {guide.steps.map((step) => (
            <List.Item key={step}>{step}</List.Item>
          ))}
        </List>
        <Text size="sm" c="dark.6">
          Fehlercode: {props.code}
        </Text>
        <Button onClick={props.onRetry} w="fit-content">
          Erneut versuchen
        </Button>
      </Stack>
    </LockLayout>
  );
}
