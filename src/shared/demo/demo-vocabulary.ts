import type { NoteCategory } from '../domain/case/note';
import { OFFICES as DOMAIN_OFFICES } from '../domain/case/office';
import type { Entities, RecordOf } from '../entities/index';
import type { CompetenceClass, EvidenceSource } from '../domain/assessment/vocabulary';
/**
 * Vocabulary of the synthetic demo data. Invented people only: names are combined at random from
 * common German (and, for a fifth, other) first and last names; no combination is a real person.
 */
/** The offices as rows of the local `offices` table (letterhead name, town), from the domain's list. */
export const OFFICES = DOMAIN_OFFICES.map((o) => ({
  id: o.id,
  code: o.code,
  name: `Jobcenter Nordsachsen – Standort ${o.name}`,
  town: o.name,
  isHeadOffice: o.headOffice,
}));

/** Towns of the district with their postal code and responsible office. */
export const TOWNS: ReadonlyArray<readonly [town: string, postalCode: string, officeIndex: number]> = [
  ['Oschatz', '04758', 0],
  ['Mügeln', '04769', 0],
  ['Dahlen', '04774', 0],
  ['Wermsdorf', '04779', 0],
  ['Cavertitz', '04758', 0],
  ['Liebschützberg', '04758', 0],
  ['Naundorf', '04769', 0],
  ['Delitzsch', '04509', 1],
  ['Schkeuditz', '04435', 1],
  ['Taucha', '04425', 1],
  ['Rackwitz', '04519', 1],
  ['Krostitz', '04509', 1],
  ['Wiedemar', '04509', 1],
  ['Löbnitz', '04509', 1],
  ['Bad Düben', '04849', 1],
  ['Eilenburg', '04838', 2],
  ['Zschepplin', '04838', 2],
  ['Laußig', '04838', 2],
  ['Doberschütz', '04838', 2],
  ['Jesewitz', '04838', 2],
  ['Mockrehna', '04862', 2],
  ['Torgau', '04860', 3],
  ['Dommitzsch', '04880', 3],
  ['Belgern-Schildau', '04874', 3],
  ['Arzberg', '04886', 3],
  ['Beilrode', '04886', 3],
  ['Trossin', '04880', 3],
  ['Dreiheide', '04860', 3],
  ['Elsnig', '04880', 3],
];

export const STREETS = [
  'Bahnhofstraße',
  'Lindenstraße',
  'Schillerstraße',
  'Goethestraße',
  'Am Markt',
  'Torgauer Straße',
  'Leipziger Straße',
  'Wurzener Straße',
  'Mühlweg',
  'Schulstraße',
  'Gartenstraße',
  'Dresdner Straße',
  'Rosa-Luxemburg-Straße',
  'Friedrich-Engels-Straße',
  'Am Schloßberg',
  'Grüner Weg',
  'Südring',
  'Straße der Jugend',
  'Hospitalstraße',
  'Röderaue',
  'Elbstraße',
  'Muldenweg',
  'Am Bürgergarten',
];

export const FIRST_NAMES_F = [
  'Anja',
  'Bärbel',
  'Claudia',
  'Doreen',
  'Jana',
  'Katrin',
  'Käthe',
  'Lena',
  'Mandy',
  'Nadine',
  'Peggy',
  'Ramona',
  'Sabine',
  'Sören',
  'Susann',
  'Ute',
  'Yvonne',
  'Jülide',
  'Olena',
  'Iryna',
  'Aylin',
  'Zeynep',
  'Fatima',
  'Marlene',
  'Hannelore',
  'Gisela',
  'Jessica',
  'Sophie',
  'Emilia',
  'Lea',
].filter((n) => n !== 'Sören');

export const FIRST_NAMES_M = [
  'André',
  'Björn',
  'Daniel',
  'Enrico',
  'Frank',
  'Günther',
  'Jörg',
  'Jürgen',
  'Kevin',
  'Marcel',
  'Mirko',
  'Ronny',
  'Sören',
  'Steffen',
  'Thomas',
  'Uwe',
  'Mykola',
  'Oleksandr',
  'Ahmad',
  'Mohammed',
  'Yusuf',
  'Hüseyin',
  'Piotr',
  'Tomasz',
  'Dmitri',
  'Maximilian',
  'Lukas',
  'Jonas',
  'René',
  'Heiko',
];

export const LAST_NAMES = [
  'Müller',
  'Schröder',
  'Köhler',
  'Krüger',
  'Bäcker',
  'Fröhlich',
  'Weiß',
  'Groß',
  'Wöhler',
  'Schäfer',
  'Jäger',
  'Böhm',
  'Küster',
  'Hübner',
  'Lößnitz',
  'Schütze',
  'Günther',
  'Möbius',
  'Pötzsch',
  'Fuchs',
  'Richter',
  'Wolf',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Krause',
  'Lehmann',
  'Hoffmann',
  'Schmidt',
  'Kowalczyk',
  'Nowak',
  'Bondarenko',
  'Kovalenko',
  'Shevchenko',
  'Al-Hassan',
  'Yılmaz',
  'Demir',
  'Haidari',
  'Popescu',
  'Ivanova',
  'Sommerfeld',
  'Dörfler',
  'Käßner',
  'Rößler',
  'Ullrich',
  'Förster',
];

export const NATIONALITIES = [
  ['deutsch', 'de'],
  ['deutsch', 'de'],
  ['deutsch', 'de'],
  ['deutsch', 'de'],
  ['ukrainisch', 'uk'],
  ['syrisch', 'ar'],
  ['afghanisch', 'fa'],
  ['polnisch', 'pl'],
  ['rumänisch', 'ro'],
  ['russisch', 'ru'],
  ['türkisch', 'tr'],
] as const;

/** Appointment kinds of the domain with the subject the invitation names, and the phases it fits. */
export const APPOINTMENT_KINDS: ReadonlyArray<
  readonly [
    kind: 'beratung' | 'erstgespraech' | 'telefon' | 'video' | 'hausbesuch' | 'jva',
    subject: string,
    phases: readonly number[],
  ]
> = [
  ['beratung', 'Beratungsgespräch', [1, 2, 3, 4]],
  ['beratung', 'Profiling', [1]],
  ['beratung', 'Potenzialanalyse abschließen', [1]],
  ['beratung', 'Zielvereinbarung', [2]],
  ['beratung', 'Strategie und Maßnahmen', [3]],
  ['beratung', 'Überprüfung Kooperationsplan', [4]],
  ['telefon', 'Beratung am Telefon', [1, 2, 3, 4]],
  ['video', 'Beratung per Video', [2, 3, 4]],
];

/** The JVA consultation day (only for persons in custody with a consent to pre-release contact). */
export const JVA_APPOINTMENT = ['jva', 'Sprechtag JVA Torgau'] as const;

/** Where an appointment of each kind takes place (a video consultation is never held at "Telefon"). */
export const APPOINTMENT_LOCATIONS: Readonly<Record<string, readonly string[]>> = {
  beratung: ['Dienststelle, Raum 1.12', 'Dienststelle, Raum 2.04', 'Dienststelle, Raum 0.07'],
  erstgespraech: ['Dienststelle, Raum 1.12'],
  telefon: ['Telefon'],
  video: ['Videoberatung'],
  hausbesuch: ['Hausbesuch'],
  jva: ['JVA Torgau, Besucherraum'],
};

/** The person's facts the texts depend on, as the person record holds them. */
type PersonRecord = RecordOf<Entities['persons']['fields']>;

/** What the demo generator knows about a person, so every text it picks fits them. */
export type DemoPersonFacts = Readonly<
  Pick<PersonRecord, 'germanLevel' | 'schoolQualification' | 'vocationalQualification'>
> & {
  readonly age: number;
  readonly female: boolean;
  /** Not a German national. */
  readonly foreign: boolean;
  readonly minorChildren: number;
  /** Age of the youngest child in the household (null: no children). */
  readonly youngestChildAge: number | null;
  readonly hasPartner: boolean;
  readonly singleParent: boolean;
  /** In custody at the JVA Torgau, release expected. */
  readonly inCustody: boolean;
  readonly driverLicence: boolean;
  readonly hasDebts: boolean;
  readonly phase: number;
};

type Fits = (p: DemoPersonFacts) => boolean;
const always: Fits = () => true;
const lowGerman = (p: DemoPersonFacts) =>
  p.foreign && p.germanLevel !== null && ['none', 'A1', 'A2', 'B1'].includes(p.germanLevel);

/** Notes (Vermerke): category, title, body, and whom the topic fits. */
export const NOTE_TEMPLATES: ReadonlyArray<
  readonly [category: NoteCategory, title: string, body: string, fits: Fits]
> = [
  [
    'Beratung',
    'Beratungsgespräch',
    'Interesse an einer Umschulung zur Fachkraft für Lagerlogistik besprochen; Eignung wird geprüft.',
    (p) => p.age >= 20,
  ],
  [
    'Beratung',
    'Bewerbungsunterlagen',
    'Lebenslauf gemeinsam überarbeitet, Anschreiben für Pflegehilfskraft vorbereitet.',
    always,
  ],
  [
    'Beratung',
    'Kinderbetreuung',
    'Kitaplatz in der Nähe ab dem Frühjahr zugesagt; Teilzeit ab 25 Wochenstunden möglich.',
    (p) => p.youngestChildAge !== null && p.youngestChildAge < 6,
  ],
  [
    'Beratung',
    'Alleinerziehend',
    'Alleinerziehend; Betreuung des Kindes nach der Schule über den Hort gesichert, Arbeitszeiten bis 15 Uhr möglich.',
    (p) => p.singleParent && p.youngestChildAge !== null && p.youngestChildAge >= 6,
  ],
  [
    'Beratung',
    'Betreuung der Kinder',
    'Partner übernimmt die Betreuung der Kinder am Nachmittag; Vollzeit mit Frühschicht ist möglich.',
    (p) => p.hasPartner && p.minorChildren > 0,
  ],
  [
    'Maßnahme',
    'JOBcafé',
    'Teilnahme am JOBcafé vereinbart, Termin der nächsten Veranstaltung mitgegeben.',
    always,
  ],
  [
    'Maßnahme',
    'Sprachkurs',
    'Berufssprachkurs B1 erfolgreich abgeschlossen; Zertifikat liegt in Kopie vor.',
    (p) => p.foreign && p.germanLevel !== null && ['B1', 'B2', 'C1', 'C2'].includes(p.germanLevel),
  ],
  [
    'Maßnahme',
    'Integrationskurs',
    'Anmeldung zum Integrationskurs bei der Volkshochschule besprochen; Berechtigungsschein ausgehändigt.',
    (p) => p.foreign && (p.germanLevel === 'none' || p.germanLevel === 'A1' || p.germanLevel === 'A2'),
  ],
  [
    'Maßnahme',
    'Praktikum',
    'Praktikum in einer Bäckerei angefragt; Rückmeldung des Betriebs steht aus.',
    (p) => !p.inCustody,
  ],
  [
    'Vermittlung',
    'Stellenvorschlag',
    'Stellenangebot als Lagerhelfer/in im Schichtbetrieb übergeben; Bewerbung bis Monatsende vereinbart.',
    (p) => !p.inCustody,
  ],
  [
    'Vermittlung',
    'Vorstellungsgespräch',
    'Vorstellungsgespräch bei einem Logistikunternehmen wahrgenommen, Probearbeit vereinbart.',
    (p) => !p.inCustody && p.phase >= 3,
  ],
  [
    'Beratung',
    'Schuldnerberatung',
    'Kontakt zur kommunalen Schuldnerberatung vermittelt (§ 16a SGB II).',
    (p) => p.hasDebts,
  ],
  [
    'Beratung',
    'Stärken',
    'Sehr zuverlässig, handwerklich geschickt, hilft ehrenamtlich im Sportverein.',
    always,
  ],
  [
    'Beratung',
    'Mobilität',
    'Ohne Führerschein ist die Arbeitsstelle im Schichtbetrieb mit dem Bus schwer erreichbar; Fahrkostenübernahme aus dem Vermittlungsbudget geprüft.',
    (p) => !p.driverLicence && !p.inCustody,
  ],
  [
    'Beratung',
    'Ausbildungssuche',
    'Gemeinsam mit der Berufsberatung der Agentur für Arbeit Ausbildungsplätze für den Herbst recherchiert.',
    (p) => p.age < 25,
  ],
  [
    'Vermittlung',
    'Perspektive 50plus',
    'Erfahrung aus 20 Berufsjahren als Stärke herausgearbeitet; Arbeitgeber mit altersgemischten Teams angesprochen.',
    (p) => p.age >= 50,
  ],
  [
    'JVA',
    'Sprechtag JVA Torgau',
    'Gespräch beim Sprechtag in der JVA Torgau; Unterlagen für den Antrag nach der Entlassung besprochen.',
    (p) => p.inCustody,
  ],
  [
    'Gesundheit',
    'Gutachten Ärztlicher Dienst',
    'Gutachten des Ärztlichen Dienstes angefordert; es wird nur Teil A (Leistungsbild) übernommen.',
    (p) => !p.inCustody,
  ],
  [
    'Leistung',
    'Weiterbewilligung',
    'Hinweis auf den Weiterbewilligungsantrag gegeben; fehlende Kontoauszüge nachgereicht.',
    always,
  ],
  // what the quality rule „Keine Diagnosen in Freitexten“ is for: a diagnosis in an open note
  // (last in the list, so the notes of everyone it does not fit stay as they were)
  [
    'Vermittlung',
    'Rückmeldung Arbeitgeber',
    'Kunde gibt an, wegen eines Bandscheibenvorfalls keine schweren Lasten heben zu können; Arbeitgeber informiert.',
    (p) => p.age >= 45 && !p.inCustody && p.driverLicence && !p.hasDebts,
  ],
];

/** Strengths (Potenzialanalyse): criterion, text, competence class, and whom it fits. */
export const STRENGTH_TEMPLATES: ReadonlyArray<{
  readonly criterionId: string;
  readonly text: string;
  readonly competenceClass: CompetenceClass;
  readonly fits: Fits;
}> = [
  {
    criterionId: 'work-behaviour',
    text: 'Zuverlässig und pünktlich, erscheint vorbereitet zu allen Terminen.',
    competenceClass: 'personal',
    fits: always,
  },
  {
    criterionId: 'social-behaviour',
    text: 'Freundlich und teamfähig; engagiert sich ehrenamtlich im Sportverein.',
    competenceClass: 'socialCommunicative',
    fits: (p) => !p.inCustody,
  },
  {
    criterionId: 'work-experience',
    text: 'Mehrjährige Erfahrung als Helfer/in in Lager und Produktion.',
    competenceClass: 'activityImplementation',
    fits: (p) => p.age >= 25,
  },
  {
    criterionId: 'other-skills',
    text: 'Führerschein Klasse B; sicherer Umgang mit dem Smartphone und einfachen Office-Programmen.',
    competenceClass: 'methods',
    fits: (p) => p.driverLicence,
  },
  {
    criterionId: 'willingness-to-learn',
    text: 'Lernt schnell und möchte sich gezielt weiterqualifizieren.',
    competenceClass: 'methods',
    fits: (p) => p.age < 50,
  },
  {
    criterionId: 'vocational-qualification',
    text: 'Abgeschlossene Berufsausbildung mit guten Zeugnissen.',
    competenceClass: 'activityImplementation',
    fits: (p) => p.vocationalQualification === 'apprenticeship' || p.vocationalQualification === 'master',
  },
  {
    criterionId: 'german-language',
    text: 'Gute Deutschkenntnisse (mindestens B2); spricht außerdem die Herkunftssprache fließend.',
    competenceClass: 'socialCommunicative',
    fits: (p) => p.foreign && p.germanLevel !== null && ['B2', 'C1', 'C2'].includes(p.germanLevel),
  },
  {
    criterionId: 'family-situation',
    text: 'Der Partner übernimmt die Betreuung der Kinder; Schichtarbeit ist möglich.',
    competenceClass: 'personal',
    fits: (p) => p.hasPartner && p.minorChildren > 0,
  },
  {
    criterionId: 'flexibility',
    text: 'Bereit, im ganzen Landkreis und in Leipzig zu arbeiten.',
    competenceClass: 'personal',
    fits: (p) => p.driverLicence,
  },
];

/** Needs (Handlungsbedarfe): criterion, focus, sources, the measures that serve them, whom they fit. */
export const NEED_TEMPLATES: ReadonlyArray<{
  readonly criterionId: string;
  readonly focus: string;
  readonly evidence: readonly EvidenceSource[];
  /** Measure catalogue ids that serve the need (the first one valid on the day is proposed). */
  readonly measures: readonly string[];
  readonly fits: Fits;
  /** Only for health-related criteria: functional limitations as Teil A states them. */
  readonly functionalLimitations?: string;
}> = [
  {
    criterionId: 'german-language',
    focus: 'Deutschkenntnisse reichen für den Zielberuf noch nicht aus; Ziel ist Niveau B2.',
    evidence: ['conversation', 'documents'],
    measures: ['berufssprachkurs'],
    fits: (p) => lowGerman(p) && p.germanLevel !== 'none' && p.germanLevel !== 'A1',
  },
  {
    criterionId: 'german-language',
    focus: 'Kaum Deutschkenntnisse; zuerst Integrationskurs.',
    evidence: ['conversation'],
    measures: ['integrationskurs'],
    fits: (p) => p.foreign && (p.germanLevel === 'none' || p.germanLevel === 'A1'),
  },
  {
    criterionId: 'vocational-qualification',
    focus: 'Kein anerkannter Berufsabschluss für den Zielberuf.',
    evidence: ['documents', 'conversation'],
    measures: ['fbw-bildungsgutschein', 'aktivierung-45'],
    fits: (p) =>
      p.vocationalQualification === 'none' ||
      p.vocationalQualification === 'partial' ||
      p.vocationalQualification === 'foreign_unrecognised',
  },
  {
    criterionId: 'school-education',
    focus: 'Ohne Schulabschluss; Lesen und Rechnen im Alltag unsicher.',
    evidence: ['conversation', 'selfReport'],
    measures: ['aktivierung-45'],
    fits: (p) => p.schoolQualification === 'none' || p.schoolQualification === 'foerderschule',
  },
  {
    criterionId: 'work-experience',
    focus: 'Wenig aktuelle Berufspraxis im Zielberuf; letzte Beschäftigung liegt länger zurück.',
    evidence: ['conversation', 'documents'],
    measures: ['mag', 'aktivierung-45'],
    fits: (p) => !p.inCustody,
  },
  {
    criterionId: 'family-situation',
    focus: 'Alleinerziehend: Kinderbetreuung während der Arbeitszeit ist noch nicht gesichert.',
    evidence: ['conversation'],
    measures: ['kommunal-kinderbetreuung-pflege'],
    fits: (p) => p.singleParent,
  },
  {
    criterionId: 'finances-debts',
    focus: 'Schulden belasten die Arbeitsaufnahme; ein Überblick über die Forderungen fehlt.',
    evidence: ['selfReport'],
    measures: ['kommunal-schuldnerberatung'],
    fits: (p) => p.hasDebts,
  },
  {
    criterionId: 'mobility',
    focus: 'Ohne Führerschein ist der Schichtbeginn mit dem Bus aus dem Wohnort kaum erreichbar.',
    evidence: ['conversation'],
    measures: ['vermittlungsbudget-44'],
    fits: (p) => !p.driverLicence && !p.inCustody,
  },
  {
    criterionId: 'criminal-record',
    focus: 'Übergang nach der Haftentlassung vorbereiten: Wohnung, Konto, Arbeitsstelle.',
    evidence: ['conversation', 'otherAgency'],
    measures: ['coaching-16k', 'aktivierung-45'],
    fits: (p) => p.inCustody,
  },
  {
    criterionId: 'willingness-to-work',
    focus: 'Berufliche Orientierung ist noch offen; Interessen und Möglichkeiten klären.',
    evidence: ['conversation'],
    measures: ['jobfabrik-workshops', 'coaching-16k'],
    fits: (p) => p.age < 35,
  },
  {
    criterionId: 'flexibility',
    focus: 'Sucht bisher nur im Wohnort; Suchradius erweitern.',
    evidence: ['conversation'],
    measures: ['jobcafe'],
    fits: (p) => !p.inCustody,
  },
  {
    criterionId: 'resilience',
    focus: 'Nach langer Arbeitslosigkeit zuerst eine feste Tagesstruktur aufbauen.',
    evidence: ['conversation', 'measureReport'],
    measures: ['agh', 'aktivierung-45'],
    fits: (p) => !p.inCustody && p.age >= 25,
  },
  {
    criterionId: 'physical-health',
    focus: 'Zielberuf ohne schweres Heben wählen.',
    evidence: ['expertOpinionPartA'],
    measures: ['aktivierung-45'],
    fits: (p) => p.age >= 40 && !p.inCustody,
    functionalLimitations: 'Kein Heben über 10 kg, keine Überkopfarbeit (laut Teil A des Gutachtens).',
  },
];

/** Target occupations (KldB 2010 code of the shipped subset, job title) and who they suit. */
export const TARGET_OCCUPATIONS: ReadonlyArray<readonly [kldbCode: string, title: string, fits: Fits]> = [
  ['51311', 'Lagerhelfer/in', always],
  ['51312', 'Fachkraft für Lagerlogistik', (p) => p.vocationalQualification !== 'none'],
  ['29301', 'Küchenhilfe', always],
  ['25101', 'Produktionshelfer/in', always],
  ['51321', 'Paketzusteller/in', (p) => p.driverLicence],
  ['52122', 'Berufskraftfahrer/in', (p) => p.driverLicence && p.age >= 21],
  ['54101', 'Reinigungskraft', always],
  ['62102', 'Verkäufer/in', (p) => !lowGerman(p)],
  ['81301', 'Pflegehelfer/in', (p) => !lowGerman(p)],
  ['82101', 'Altenpflegehelfer/in', (p) => !lowGerman(p)],
  ['32101', 'Bauhelfer/in', (p) => !p.female || p.age < 50],
  ['71402', 'Kaufmann/Kauffrau für Büromanagement', (p) => p.schoolQualification !== 'none' && !lowGerman(p)],
  ['63301', 'Servicehilfe', always],
  ['12101', 'Gartenhelfer/in', always],
];

/** Invented providers (Träger) of the demo measures. */
export const PROVIDERS = [
  'Bildungszentrum Muldental gGmbH',
  'Elbe-Akademie Torgau e. V.',
  'Werkstatt Zukunft Delitzsch gGmbH',
  'Lernwerk Nordsachsen e. V.',
  'Dahlener Heide Bildung GmbH',
];

/** Eigenbemühungen with frequency and form of proof. */
export const OWN_EFFORT_APPLICATIONS = {
  description: 'Bewerbungen auf sozialversicherungspflichtige Stellen im Zielberuf',
  proof: 'bewerbungsliste',
} as const;
export const OWN_EFFORT_DEBT = {
  description: 'Termin bei der Schuldnerberatung vereinbaren und wahrnehmen',
  proof: 'teilnahmebescheinigung',
} as const;
export const OWN_EFFORT_CHILDCARE = {
  description: 'Betreuungsplatz für das Kind bei der Gemeinde beantragen',
  proof: 'sonstiger-nachweis',
} as const;
