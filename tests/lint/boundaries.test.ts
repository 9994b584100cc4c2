import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Proves that the import boundaries of ARCHITECTURE.md are enforced by the lint. */
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: Array<[file: string, code: string]> = [
  ['src/shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['src/shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  ['src/shared/domain/x.ts', "import fs from 'fs';\nexport const a = fs;\n"],
  ['src/shared/domain/x.ts', "import d from 'domain';\nexport const a = d;\n"],
  ['src/shared/domain/x.ts', "import { promises } from 'fs/promises';\nexport const a = promises;\n"],
  ['src/shared/domain/x.ts', "import { useState } from 'react';\nexport const a = useState;\n"],
  ['src/shared/domain/x.ts', "import { x } from '../../main/backend';\nexport const a = x;\n"],
  [
    'src/renderer/src/features/x.ts',
    "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
  ],
  ['src/renderer/src/features/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
  [
    'src/renderer/src/features/x.ts',
    "import { createBackend } from '../../../main/backend';\nexport const a = createBackend;\n",
  ],
  [
    'src/renderer/src/features/x.ts',
    "import { buildApp } from '../../../server/app';\nexport const a = buildApp;\n",
  ],
  ['src/preload/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
  ['src/preload/x.ts', "import { createBackend } from '../main/backend';\nexport const a = createBackend;\n"],
  ['src/server/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['src/server/x.ts', "import { createBackend } from '../main/backend';\nexport const a = createBackend;\n"],
  [
    'src/main/features/cases/x.ts',
    "import { safeStorage } from 'electron';\nexport const a = safeStorage;\n",
  ],
  ['src/main/db/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['src/main/vault/x.ts', "import { autoUpdater } from 'electron-updater';\nexport const a = autoUpdater;\n"],
];

const allowed: Array<[file: string, code: string]> = [
  ['src/main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ['src/main/app/x.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
  ['src/main/platform/x.ts', "import { safeStorage } from 'electron';\nexport const a = safeStorage;\n"],
  ['src/main/ipc/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
  [
    'src/preload/x.ts',
    "import { contextBridge } from 'electron';\nimport { IPC_CHANNELS } from '../shared/ipc/channels';\nexport const a = [contextBridge, IPC_CHANNELS];\n",
  ],
  ['src/main/db/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
  [
    'src/renderer/src/x.ts',
    "import type { IpcChannel } from '../../shared/ipc/contract';\nexport type A = IpcChannel;\n",
  ],
  [
    'src/server/x.ts',
    "import { z } from 'zod';\nimport { AppError } from '../shared/errors';\nexport const a = [z, AppError];\n",
  ],
  // a folder that shares its name with a Node built-in ("domain") is not a built-in
  [
    'src/shared/sync/x.ts',
    "import { CASE_STATUSES } from '../domain/case/case';\nexport const a = CASE_STATUSES;\n",
  ],
];

describe('import boundaries', () => {
  it.each(cases)('refuses the import in %s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('allows the import in %s: %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('electron is imported only where allowed', () => {
  it('has no electron import outside src/main/{index.ts,app,platform,ipc} and src/preload', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const offenders = readdirSync('src', { recursive: true, encoding: 'utf8' })
      .map((f) => `src/${f.replaceAll('\\', '/')}`)
      .filter((f) => /\.tsx?$/.test(f))
      .filter(
        (f) => !/^src\/(main\/(index\.ts|app\/|platform\/|ipc\/)|preload\/)/.test(f.replaceAll('\\', '/')),
      )
      .filter((f) => /from ['"]electron(-updater)?['"]|require\(['"]electron/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
