/**
 * The blank consent form (Einwilligung) for a pre-release contact, printed before an outreach day
 * (JVA consultation day) and filled in by hand: the person's data, what they agree to, that
 * consent is voluntary and can be withdrawn at any time (Art. 7 Abs. 3 DSGVO), signatures. After
 * the day the caseworker records the signed form as a consent (purpose pre_release_contact, form
 * schriftlich). Pure: HTML with print CSS (A4), one form per page; the PdfRenderer prints it.
 */
import { formatGermanDate, type IsoDate } from '../common/dates';
import { CONSENT_PURPOSE_LABELS } from '../case/consent';
import { escapeHtml } from '../plan/plan-document';

export const MAX_CONSENT_FORM_COPIES = 50;

export interface ConsentFormInput {
  /** The day of the outreach appointments (printed as the planned date). */
  readonly day: IsoDate;
  /** Where ("JVA Torgau"). */
  readonly location: string;
  /** The Jobcenter office that collects the data (its name). */
  readonly officeName: string;
  readonly copies: number;
}

/** The purposes a person may tick on the form (each a separate choice, none pre-ticked). */
export const CONSENT_FORM_CHOICES = [
  'Das Jobcenter darf mich bereits vor meiner Entlassung zur Vorbereitung des Übergangs (Wohnung, Leistungen, Arbeit und Ausbildung) kontaktieren und beraten.',
  'Das Jobcenter darf sich dazu mit dem Sozialdienst der Justizvollzugsanstalt über meinen voraussichtlichen Entlassungstermin und meine Anliegen austauschen.',
  'Das Jobcenter darf meine Angaben auf diesem Bogen (Name, Geburtsdatum, Entlassungstermin, Kontaktweg) speichern, um mich nach der Entlassung weiter zu betreuen.',
] as const;

const field = (label: string, kind: 'line' | 'signature' = 'line') =>
  `<div class="field ${kind}"><span class="label">${escapeHtml(label)}</span><span class="line"></span></div>`;
/** A long label on its own line, then `lines` full-width lines to write on. */
const block = (label: string, lines: number) =>
  `<div class="block"><span class="label">${escapeHtml(label)}</span>${'<span class="line"></span>'.repeat(lines)}</div>`;
/** One purpose: its text, and "ja" / "nein" each with a box of its own in a column on the right. */
const choice = (text: string) =>
  `<li><span class="text">${escapeHtml(text)}</span><span class="yesno"><span class="box" aria-hidden="true"></span> ja <span class="box" aria-hidden="true"></span> nein</span></li>`;

function onePage(input: ConsentFormInput, n: number): string {
  return `<section class="form" aria-label="Einwilligung ${n} von ${input.copies}">
  <h1>Einwilligung in die Verarbeitung personenbezogener Daten</h1>
  <p class="purpose">Zweck: ${escapeHtml(CONSENT_PURPOSE_LABELS.pre_release_contact)} –
    ${escapeHtml(input.officeName)}, Sprechtag am ${formatGermanDate(input.day)} in ${escapeHtml(input.location)}</p>
  <h2>Angaben zur Person</h2>
  ${field('Name')}
  ${field('Vorname')}
  ${field('Geburtsdatum (TT.MM.JJJJ)')}
  ${field('Voraussichtlicher Entlassungstermin (TT.MM.JJJJ)')}
  ${block('Erreichbar nach der Entlassung über (Anschrift, Telefon oder E-Mail)', 2)}
  <h2>Meine Einwilligung</h2>
  <p>Bitte kreuzen Sie zu jedem Punkt einzeln „ja“ oder „nein“ an:</p>
  <ul class="choices">${CONSENT_FORM_CHOICES.map(choice).join('')}</ul>
  <p>Meine Einwilligung ist freiwillig. Wenn ich nicht einwillige, entstehen mir daraus keine Nachteile;
    Ansprüche auf Leistungen nach meiner Entlassung bleiben unberührt. Ich kann die Einwilligung jederzeit
    ohne Angabe von Gründen für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO), schriftlich oder mündlich beim
    Jobcenter. Die bis zum Widerruf erfolgte Verarbeitung bleibt rechtmäßig. Rechtsgrundlage ist Art. 6
    Abs. 1 Buchst. a DSGVO. Informationen zum Datenschutz und zu meinen Rechten (Auskunft, Berichtigung,
    Löschung, Beschwerde bei der Aufsichtsbehörde) habe ich erhalten.</p>
  ${field('Einschränkungen (optional, z. B. „nur telefonisch“)')}
  <div class="signatures">
    ${field('Ort, Datum')}
    ${field('Unterschrift der Person', 'signature')}
    ${field('Aufgenommen von (Name, Unterschrift Jobcenter)', 'signature')}
  </div>
  <p class="office-use">Nur für das Jobcenter: in Lotse erfasst am ____________ (Einwilligung „schriftlich“, Zweck „${escapeHtml(CONSENT_PURPOSE_LABELS.pre_release_contact)}“). Original zur Akte.</p>
</section>`;
}

/** The HTML of `copies` blank forms, one per A4 page. */
export function renderConsentForms(input: ConsentFormInput): string {
  const copies = Math.max(1, Math.min(MAX_CONSENT_FORM_COPIES, Math.trunc(input.copies)));
  const pages = Array.from({ length: copies }, (_, i) => onePage({ ...input, copies }, i + 1)).join('\n');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>Einwilligung – Kontakt vor der Haftentlassung (${escapeHtml(input.location)}, ${formatGermanDate(input.day)})</title>
<style>
  @page { size: A4; margin: 15mm 18mm 13mm 18mm; }
  body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #000; line-height: 1.3; }
  .form { break-after: page; }
  .form:last-child { break-after: auto; }
  h1 { font-size: 14pt; margin: 0 0 3mm; }
  h2 { font-size: 11.5pt; margin: 4.5mm 0 1.5mm; }
  p { margin: 2mm 0; }
  .purpose { margin: 0 0 2mm; }
  .field { display: flex; align-items: flex-end; gap: 3mm; margin: 2.5mm 0; }
  .field .label { white-space: nowrap; }
  .field .line { flex: 1; border-bottom: 0.75pt solid #000; min-height: 6.5mm; }
  .field.signature .line { min-height: 10mm; }
  .block { margin: 3mm 0; }
  .block .line { display: block; border-bottom: 0.75pt solid #000; height: 8mm; }
  .choices { list-style: none; padding: 0; margin: 0; }
  .choices li { display: flex; align-items: flex-start; gap: 5mm; margin: 2.5mm 0; break-inside: avoid; }
  .choices .text { flex: 1; }
  .yesno { white-space: nowrap; display: flex; align-items: center; gap: 1.5mm; padding-top: 0.5mm; }
  .box { display: inline-block; width: 4mm; height: 4mm; border: 0.75pt solid #000; }
  .yesno .box + .box, .yesno .box:nth-of-type(2) { margin-left: 3mm; }
  .signatures { margin-top: 4mm; }
  .office-use { margin-top: 4mm; font-size: 9pt; border-top: 1px solid #000; padding-top: 2mm; }
</style>
</head>
<body>
${pages}
</body>
</html>`;
}
