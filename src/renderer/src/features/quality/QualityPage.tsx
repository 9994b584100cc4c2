import { IconChecklist } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function QualityPage() {
  return (
    <>
      <PageHeader title="Qualität" description="Prüfregeln zur Fallqualität nach dem 4-Phasen-Modell" />
      <EmptyState icon={<IconChecklist size={24} />} title="Keine Prüfhinweise">
        Hier erscheinen Hinweise zur Fallqualität, zum Beispiel eine fehlende Potenzialanalyse oder ein
        überfälliger Kooperationsplan.
      </EmptyState>
    </>
  );
}
