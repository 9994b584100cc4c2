import { IconCalendarEvent } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function AppointmentsPage() {
  return (
    <>
      <PageHeader title="Termine" description="Beratungstermine und Wiedervorlagen" />
      <EmptyState icon={<IconCalendarEvent size={24} />} title="Keine anstehenden Termine">
        Hier sehen Sie Ihre Beratungstermine der nächsten Tage und offene Wiedervorlagen.
      </EmptyState>
    </>
  );
}
