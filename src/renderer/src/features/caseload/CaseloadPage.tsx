import { IconUsers } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function CaseloadPage() {
  return (
    <>
      <PageHeader title="Fälle" description="Ihr Fallbestand und Ihre Vertretungen" />
      <EmptyState icon={<IconUsers size={24} />} title="Noch keine Fälle">
        Sobald Fälle synchronisiert oder angelegt wurden, erscheinen sie hier – sortiert nach dem nächsten
        Handlungsbedarf.
      </EmptyState>
    </>
  );
}
