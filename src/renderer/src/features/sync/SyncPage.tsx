import { IconRefresh } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function SyncPage() {
  return (
    <>
      <PageHeader title="Synchronisation" description="Abgleich mit dem zentralen Lotse-Server" />
      <EmptyState icon={<IconRefresh size={24} />} title="Noch nicht mit einem Server verbunden">
        Lotse arbeitet vollständig offline. Ihre Änderungen werden lokal verschlüsselt gespeichert und beim
        nächsten Abgleich übertragen.
      </EmptyState>
    </>
  );
}
