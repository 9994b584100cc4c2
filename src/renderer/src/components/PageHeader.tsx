import { Group, Stack, Text, Title, type TitleProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { usePageHeadingFocus } from '../app/page-focus';

/**
 * The page's one H1. After a navigation it takes the keyboard focus (app/page-focus.ts); it is
 * focusable by script only (tabIndex -1), not a stop in the Tab order.
 */
export function PageHeading(props: Omit<TitleProps, 'order'> & { children: ReactNode }) {
  const ref = usePageHeadingFocus();
  return <Title order={1} size="h2" tabIndex={-1} {...props} ref={ref} />;
}

export function PageHeader(props: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap">
      <Stack gap={4}>
        <PageHeading>{props.title}</PageHeading>
        {props.description ? <Text c="dark.6">{props.description}</Text> : null}
      </Stack>
      {props.actions}
    </Group>
  );
}
