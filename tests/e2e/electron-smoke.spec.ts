import { _electron as electron, test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Path of the Electron binary if it was ever downloaded; the runtime is fetched lazily. */
function electronBinary(): string | undefined {
  const dir = resolve('node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

test('the packaged app starts and shows the frame (Electron)', async () => {
  const binary = electronBinary();
  test.skip(
    binary === undefined,
    'Kein Electron-Laufzeitpaket auf dieser Maschine (es kann hier nicht heruntergeladen werden); der Browser-Bridge-Test deckt den Renderer ab.',
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'lotse-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [resolve('out/main/index.cjs'), '--no-sandbox'],
    env: { ...process.env, LOTSE_DATA_DIR: dataDir, LOTSE_E2E: '1' },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
  expect(window.url()).toMatch(/^app:\/\/lotse\//);
  await app.close();
});
