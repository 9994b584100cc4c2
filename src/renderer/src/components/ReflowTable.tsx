import { Table, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** Below 768 CSS px (a narrow window, or 1366 px at 200 % zoom) tables stack their rows. */
export const NARROW_WINDOW = '(max-width: 47.99em)';

/** True on a narrow window; read synchronously so the first render already has the right layout. */
export function useNarrowWindow(): boolean {
  return useMediaQuery(NARROW_WINDOW, false, { getInitialValueInEffect: false }) === true;
}

/**
 * A data table that reflows instead of scrolling sideways (WCAG 1.4.10): on a narrow window every
 * row stacks its cells and each cell names its column (give every `Table.Td` after the first a
 * `data-label` with its column's name; see `.lotse-stacked-table` in global.css).
 */
export function ReflowTable({ className, ...props }: TableProps) {
  const narrow = useNarrowWindow();
  return (
    <Table
      {...props}
      className={
        [className, narrow ? 'lotse-stacked-table' : undefined].filter(Boolean).join(' ') || undefined
      }
    />
  );
}
