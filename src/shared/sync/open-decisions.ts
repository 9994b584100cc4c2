/**
 * What still waits for a person after a sync round, in German words with the right plural ("2
 * Abgleichkonflikte und 1 abgelehnte Änderung"); '' when nothing does. One wording for the sync page
 * and the readiness check of the outreach day.
 */
export function openDecisions(conflicts: number, rejections: number): string {
  const parts: string[] = [];
  if (conflicts > 0) parts.push(`${conflicts} ${conflicts === 1 ? 'Abgleichkonflikt' : 'Abgleichkonflikte'}`);
  if (rejections > 0)
    parts.push(`${rejections} ${rejections === 1 ? 'abgelehnte Änderung' : 'abgelehnte Änderungen'}`);
  return parts.join(' und ');
}

/**
 * The rest of "offen … noch …" with the verb that fits ("ist noch 1 Abgleichkonflikt", "sind noch 2
 * Abgleichkonflikte und 1 abgelehnte Änderung"); '' when nothing is open.
 */
export function stillOpen(conflicts: number, rejections: number): string {
  const open = openDecisions(conflicts, rejections);
  if (open === '') return '';
  return `${conflicts + rejections === 1 ? 'ist' : 'sind'} noch ${open}`;
}
