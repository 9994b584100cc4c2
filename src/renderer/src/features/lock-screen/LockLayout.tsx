import { Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function LockLayout(props: { title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0" component="main">
      <Paper withBorder shadow="sm" radius="md" p="xl" w={460} maw="100%">
        <Stack gap="md">
          <Stack gap={2}>
            <Text fw={700} c="lotse.9" size="lg">
              Lotse
            </Text>
            <Title order={1} size="h2">
              {props.title}
            </Title>
          </Stack>
          <Text size="sm" c="dark.6">
            {props.intro}
          </Text>
          {props.children}
        </Stack>
      </Paper>
    </Center>
  );
}
