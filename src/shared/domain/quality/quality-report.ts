/**
 * The quality dashboard as a printable report (issue 15 item 3): HTML with print CSS (A4) that the
 * PdfRenderer prints, like the Kooperationsplan and the consent forms. Pure and deterministic.
 *
 * No more personal data than the purpose needs: caseworkers appear by the name of the team directory
 * (the own team, src/shared/auth/team-directory.ts; one not in it as "unbekannt (3f2a…)", without a
 * directory by user id); no person of a case is named and no case is listed. The
 * only exception the purpose needs are the case numbers of cases with a requested correction
 * (issue 15 item 2), which the caller passes in; until the review loop exists there are none, and
 * the report says so instead of inventing any.
 */
import { formatGermanDate, type IsoDate } from '../common/dates';
import { escapeHtml } from '../plan/plan-document';
import {
  CASE_MEASURE_LABELS,
  DASHBOARD_PHASES,
  TREND_SERIES,
  TREND_SERIES_LABELS,
  type QualityDashboard,
  type QualityFigures,
} from './quality-dashboard';
import { caseworkerName, type TeamMember } from '../../auth/team-directory';
import { CASE_SECTION_LABELS, SEVERITIES, SEVERITY_LABELS, type CaseSection } from './quality-rules';

/** A case for which the team lead requested a correction (issue 15 item 2, the sampled case audit). */
export interface RequestedCorrection {
  /** The case number (Aktenzeichen), the only case datum the report prints. */
  readonly caseNumber: string;
  /** The caseworker's user id. */
  readonly caseworkerId: string;
  /** The quality rule the correction is about, if any. */
  readonly ruleId: string | null;
  readonly requestedOn: IsoDate;
  /** Whether the correction is still open or was completed (and awaits confirmation). */
  readonly status: 'offen' | 'erledigt' | 'bestaetigt';
}

export const REQUESTED_CORRECTION_STATUS_LABELS: Readonly<Record<RequestedCorrection['status'], string>> = {
  offen: 'offen',
  erledigt: 'erledigt, Bestätigung ausstehend',
  bestaetigt: 'bestätigt',
};

export interface QualityReportInput {
  readonly dashboard: QualityDashboard;
  readonly scope: 'own' | 'team';
  /** The signed-in user's id (the own caseload's caseworker). */
  readonly userId: string;
  /**
   * Cases with a requested correction (main: quality-report.service, from the correction tasks).
   * Undefined where they cannot be read (no review service, a role without corrections): the report
   * then says that none can be listed. An empty list: none requested.
   */
  readonly requestedCorrections?: readonly RequestedCorrection[];
  /** The team directory: caseworkers by name (absent: by user id). */
  readonly directory?: readonly Pick<TeamMember, 'id' | 'displayName'>[];
}

const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const monthName = new Intl.DateTimeFormat('de-DE', { month: 'long', year: 'numeric', timeZone: 'UTC' });

const n = (value: number) => integer.format(value);
const month = (m: string) => monthName.format(Date.parse(`${m}-01T00:00:00Z`));

/** At most this many caseworker columns per table of rules (wider teams continue below). */
export const REPORT_CASEWORKER_COLUMNS = 6;

type Column = { readonly label: string; readonly figures: QualityFigures };

/**
 * A table with a row header in the first column; the first `textColumns` columns are text, the
 * others numbers (right-aligned). A last row "Gesamt" is set off.
 */
function table(
  caption: string,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  textColumns = 1,
): string {
  const align = (i: number) => (i < textColumns ? '' : ' class="num"');
  const th = head.map((h, i) => `<th scope="col"${align(i)}>${h}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr${r[0] === 'Gesamt' ? ' class="total"' : ''}>${r
          .map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${align(i)}>${c}</td>`))
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table>
<caption>${caption}</caption>
<thead><tr>${th}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The HTML of the quality report (A4 portrait, page numbers in the footer). */
export function renderQualityReport(input: QualityReportInput): string {
  const d = input.dashboard;
  const team = input.scope === 'team';
  const on = formatGermanDate(d.on);
  const who = (id: string) => escapeHtml(input.directory ? caseworkerName(id, '', input.directory) : id);
  // the team: one row per caseworker and the total; the own caseload: one row, the user's
  const columns: Column[] = team
    ? d.caseworkers.map((c) => ({ label: who(c.caseworkerId), figures: c.figures }))
    : [{ label: who(input.userId), figures: d.total }];
  const total: Column = { label: 'Gesamt', figures: d.total };
  const withTotal: Column[] = team ? [...columns, total] : columns;
  const scopeText = team
    ? `Team – alle offenen Fälle im lokalen Speicher der Teamleitung, ${n(d.caseworkers.length)} ${
        d.caseworkers.length === 1 ? 'Fachkraft' : 'Fachkräfte'
      }`
    : `Eigener Bestand der Fachkraft ${who(input.userId)}`;
  const first = 'Fachkraft';
  const rowsOf = (cells: (f: QualityFigures) => string[]) =>
    // a caseworker's name or id stays on one line in the row header (the figures beside it)
    withTotal.map((c) => [c === total ? c.label : `<span class="id">${c.label}</span>`, ...cells(c.figures)]);
  const severitiesDesc = SEVERITIES.slice().reverse();
  const rules = d.rules.filter((r) => r.enabled);
  const disabled = d.rules.filter((r) => !r.enabled);

  const caseload = table(
    'Fallbestand, Phasen und Überprüfungen',
    [
      first,
      CASE_MEASURE_LABELS.all,
      ...DASHBOARD_PHASES.map((p) => `Phase&nbsp;${p}`),
      `Überprüfung fällig bis ${formatGermanDate(d.reviewDueUntil)}`,
      CASE_MEASURE_LABELS.reviewOverdue,
    ],
    rowsOf((f) => [
      n(f.cases),
      ...DASHBOARD_PHASES.map((p) => n(f.phases[p])),
      n(f.reviewDue),
      n(f.reviewOverdue),
    ]),
  );
  const contacts = table(
    `Kontakte seit ${formatGermanDate(d.contactsSince)} und Maßnahmen`,
    [
      first,
      'Kontakte',
      'Kontakte je Fall',
      'Fälle ohne Kontakt',
      'Maßnahmen ohne Ergebnis',
      'Maßnahmen über das geplante Ende',
    ],
    rowsOf((f) => [
      n(f.contacts.count),
      decimal.format(f.contactsPerCase),
      n(f.noRecentContact),
      `${n(f.measureWithoutOutcome.count)} (${n(f.measureWithoutOutcome.cases)} ${f.measureWithoutOutcome.cases === 1 ? 'Fall' : 'Fälle'})`,
      `${n(f.measureOverdue.count)} (${n(f.measureOverdue.cases)} ${f.measureOverdue.cases === 1 ? 'Fall' : 'Fälle'})`,
    ]),
  );
  const severities = table(
    'Prüfhinweise nach Schwere',
    [
      first,
      CASE_MEASURE_LABELS.withFindings,
      'Prüfhinweise',
      ...severitiesDesc.map((s) => SEVERITY_LABELS[s]),
    ],
    rowsOf((f) => [
      n(f.withFindings),
      n(f.findings),
      ...severitiesDesc.map((s) => `${n(f.severities[s].count)} (${n(f.severities[s].cases)})`),
    ]),
  );
  const ruleGroups = chunks(columns, REPORT_CASEWORKER_COLUMNS);
  const ruleTables = ruleGroups
    .map((group, gi) => {
      const cols =
        team && gi === ruleGroups.length - 1 ? [...group, { label: 'Gesamt', figures: d.total }] : group;
      const caption =
        ruleGroups.length > 1
          ? `Prüfhinweise nach Regel (Fachkräfte ${gi * REPORT_CASEWORKER_COLUMNS + 1}–${
              gi * REPORT_CASEWORKER_COLUMNS + group.length
            } von ${columns.length})`
          : 'Prüfhinweise nach Regel';
      return table(
        caption,
        // a caseworker id is never broken at its hyphen ("ifk-" / "000"); a name wraps at its spaces
        [
          'Regel',
          'Schwere',
          'Abschnitt',
          ...cols.map((c) => (input.directory ? c.label : `<span class="id">${c.label}</span>`)),
        ],
        rules.map((r) => [
          escapeHtml(r.title),
          SEVERITY_LABELS[r.severity],
          escapeHtml(CASE_SECTION_LABELS[r.section as CaseSection] ?? r.section),
          ...cols.map((c) => {
            const t = c.figures.rules[r.ruleId] ?? { count: 0, cases: 0 };
            return `${n(t.count)} (${n(t.cases)})`;
          }),
        ]),
        3,
      );
    })
    .join('\n');
  const trend = table(
    'Verlauf der letzten 12 Monate (Ereignisse, in Klammern die Fälle)',
    ['Monat', ...TREND_SERIES.map((s) => TREND_SERIES_LABELS[s])],
    d.trends.map((t) => [month(t.month), ...TREND_SERIES.map((s) => `${n(t[s].count)} (${n(t[s].cases)})`)]),
  );

  const corrections =
    input.requestedCorrections === undefined
      ? `<p>Angeforderte Korrekturen werden erst mit der Fallprüfung (Stichprobe) erfasst; dieser Bericht kann daher noch keine Fälle mit angeforderter Korrektur aufführen.</p>`
      : input.requestedCorrections.length === 0
        ? `<p>Für den Bereich dieses Berichts sind keine Korrekturen angefordert.</p>`
        : table(
            'Fälle mit angeforderter Korrektur',
            ['Aktenzeichen', 'Fachkraft', 'Regel', 'Angefordert am', 'Stand'],
            input.requestedCorrections.map((c) => [
              escapeHtml(c.caseNumber),
              who(c.caseworkerId),
              escapeHtml(d.rules.find((r) => r.ruleId === c.ruleId)?.title ?? '–'),
              formatGermanDate(c.requestedOn),
              REQUESTED_CORRECTION_STATUS_LABELS[c.status],
            ]),
            5,
          );

  const title = `Qualitätsbericht – ${team ? 'Team' : 'Eigener Bestand'} – Stand ${on}`;
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
  @page {
    size: A4;
    margin: 16mm 14mm 18mm 14mm;
    @bottom-left { content: "Qualitätsbericht · ${team ? 'Team' : 'Eigener Bestand'} · Stand ${on}"; font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #333; }
    @bottom-right { content: "Seite " counter(page) " von " counter(pages); font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #333; }
  }
  body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #000; line-height: 1.35; margin: 0; }
  h1 { font-size: 16pt; margin: 0 0 2mm; }
  h2 { font-size: 11.5pt; margin: 7mm 0 2mm; break-after: avoid; }
  .meta { margin: 0 0 1mm; }
  .note { font-size: 8pt; color: #333; margin: 1.5mm 0 0; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; break-inside: auto; }
  caption { text-align: left; font-weight: bold; margin-bottom: 1.5mm; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th, td { border: 0.5pt solid #777; padding: 1mm 1.5mm; vertical-align: top; }
  thead th { background: #e9ecef; font-weight: bold; text-align: left; hyphens: auto; }
  tbody th { text-align: left; font-weight: normal; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  td.num, .id { white-space: nowrap; }
  tr.total th, tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
</style>
</head>
<body>
<h1>Qualitätsbericht</h1>
<p class="meta"><strong>Bereich:</strong> ${scopeText}</p>
<p class="meta"><strong>Stand:</strong> ${on} (Auswertung der Qualitätsregeln des 4PM für die offenen Fälle)</p>
<p class="note">Fachkräfte erscheinen mit ${input.directory ? 'ihrem Namen aus dem Teamverzeichnis' : 'ihrer Kennung'}; der Bericht nennt keine Personen und keine Fälle außer solchen mit angeforderter Korrektur.</p>

<h2>Fallbestand</h2>
${caseload}
<p class="note">Überprüfung fällig: die nächste Überprüfung des Kooperationsplans liegt zwischen dem ${on} und dem ${formatGermanDate(d.reviewDueUntil)}; überfällig: sie liegt vor dem ${on}.</p>

<h2>Kontaktdichte und Maßnahmen</h2>
${contacts}
<p class="note">Kontakte: dokumentierte Kontakte, bei denen die Person erreicht wurde, vom ${formatGermanDate(d.contactsSince)} bis ${on}. Maßnahmen ohne Ergebnis: beendet oder abgebrochen ohne dokumentiertes Ergebnis; in Klammern die Zahl der Fälle.</p>

<h2>Prüfhinweise</h2>
${severities}
<p class="note">In Klammern: die Zahl der Fälle mit mindestens einem solchen Prüfhinweis.</p>
${ruleTables}
${disabled.length > 0 ? `<p class="note">Abgeschaltete Regeln (nicht ausgewertet): ${disabled.map((r) => escapeHtml(r.title)).join(', ')}.</p>` : ''}

<h2>Verlauf</h2>
${trend}
<p class="note">Nur Ereignisse der Fälle, die heute im lokalen Speicher liegen; ein Verlauf der Prüfhinweise und Fallzahlen wird nicht gespeichert.</p>

<h2>Fälle mit angeforderter Korrektur</h2>
${corrections}
</body>
</html>`;
}
