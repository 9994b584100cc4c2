/**
 * The measure wizard in the main process: `measures:candidates` reads the case (person, household,
 * assignments, latest Potenzialanalyse) from the encrypted store and checks every catalogue entry
 * with the domain's engine. Target: p95 ≤ 20 ms at any catalogue size up to 500 entries.
 */
import { createMeasuresService } from '../../../src/main/features/measures/measures.service';
import { defaultMeasureCatalogue } from '../../../src/shared/domain/measures/catalogue';
import type { MeasureCatalogue } from '../../../src/shared/domain/measures/catalogue.schema';
import { fixedClock, sequentialIds } from '../../helpers/local-db';
import { createWriteBackend, type WriteBackend } from '../../helpers/write-backend';
import { defineBench } from '../types';

const RUNS = process.env['BENCH_QUICK'] === '1' ? 30 : 200;

/** The shipped catalogue repeated with new ids up to `size` entries (rules and references kept). */
export function syntheticCatalogue(size: number): MeasureCatalogue {
  const base = defaultMeasureCatalogue.entries;
  const entries = Array.from({ length: size }, (_, i) => {
    const e = base[i % base.length]!;
    return i < base.length ? e : { ...e, id: `${e.id}-s${i}` };
  });
  return { ...defaultMeasureCatalogue, entries };
}

interface State {
  b: WriteBackend;
  run: () => Promise<unknown>;
}

async function setup(size: number): Promise<State> {
  const b = await createWriteBackend();
  const { caseId, personId } = await b.newCase();
  await b.call('persons:update', {
    personId,
    changes: { benefitPeriods: [{ from: '2019-01-01', to: null }], unemployedSince: '2024-01-01' },
  });
  const draft = await b.call('assessments:create-draft', { caseId, values: {} });
  await b.call('assessments:record-entry', {
    assessmentId: draft.id,
    entry: {
      criterionId: 'school-education',
      strength: { text: 'Zuverlässig', competenceClass: 'personal' },
      need: { focus: 'Abschluss nachholen' },
      evidenceSources: ['conversation'],
    } as never,
  });
  const measures = createMeasuresService({
    db: b.t.db,
    clock: fixedClock('2026-03-02T08:00:00.000Z', 0),
    ids: sequentialIds(),
    catalogue: syntheticCatalogue(size),
  });
  const run = () =>
    measures.candidates({
      caseId,
      needIds: ['school-education'],
      plannedStart: '2026-03-16',
      plannedEnd: '2026-06-12',
    });
  const first = (await run()) as { candidates: unknown[] };
  if (first.candidates.length !== size) throw new Error(`expected ${size} candidates`);
  return { b, run };
}

const wizardCase = (size: number) =>
  defineBench<State>({
    name: 'wizard.candidates',
    params: { entries: size },
    runs: RUNS,
    warmup: 10,
    setup: () => setup(size),
    run: async (s) => {
      await s.run();
    },
    teardown: async (s) => {
      await s.b.t.destroy();
    },
  });

export default [wizardCase(defaultMeasureCatalogue.entries.length), wizardCase(500)];
