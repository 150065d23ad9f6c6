import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// The layers of eslint.config.js, probed with one import at a time on a file that does not exist
// (so no type information: only the import rules run). A rule that silently stops matching, for
// example after a folder is renamed, fails here instead of letting the layering rot.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.endsWith('no-restricted-imports'),
});

async function refusal(file: string, statement: string): Promise<string | undefined> {
  const [result] = await eslint.lintText(`${statement}\n`, { filePath: file });
  return result?.messages.map((message) => message.message).join('\n') || undefined;
}

describe('app/ layers in eslint.config.js', () => {
  // Loading eslint.config.js (typescript-eslint and its parser) takes seconds on a busy machine.
  beforeAll(async () => {
    await eslint.calculateConfigForFile('app/probe.ts');
  }, 60_000);

  it.each([
    ['app/errors/probe.ts', "import type { Clock } from '../ports/clock.js';", 'vocabulary'],
    [
      'app/ports/probe.ts',
      "import type { A } from '../credentials/credential-broker.js';",
      'bottom layer',
    ],
    [
      'app/credentials/probe.ts',
      "import type { Transfer } from '../transfer/transfer.js';",
      'knows nothing of folders',
    ],
    [
      'app/ports/probe.ts',
      "import type { A } from '../credentials/credential-broker.js';",
      'bottom',
    ],
    ['app/ports/probe.ts', "import type { A } from '../sync/folder-spec.js';", 'bottom'],
    ['app/retry/probe.ts', "import { a } from '../transfer/transfer-queue.js';", 'helpers'],
    ['app/sync/probe.ts', "import type { A } from '../engine/folder-sync.js';", 'domain'],
    ['app/sync/probe.ts', "import type { A } from '../transfer/transfer.js';", 'FileLedger'],
    ['app/transfer/probe.ts', "import type { A } from '../ipc/views.js';", 'domain'],
    ['app/config/providers/probe.ts', "import { a } from '../../engine/x.js';", 'domain'],
    ['app/credentials/probe.ts', "import { a } from '../presentation/x.js';", 'domain'],
    ['app/engine/probe.ts', "import type { A } from '../ipc/views.js';", 'viewers'],
    ['app/engine/probe.ts', "import { a } from '../presentation/notice-center.js';", 'viewers'],
    ['app/ipc/probe.ts', "import type { A } from '../presentation/transfer-totals.js';", 'wire'],
    ['app/ipc/probe.ts', "import { FolderSync } from '../engine/folder-sync.js';", 'bundles'],
    ['app/presentation/probe.ts', "import { a } from '../engine/engine-events.js';", 'tray'],
    ['app/presentation/tray/probe.ts', "import { a } from '../../transfer/transfer.js';", 'tray'],
    ['app/presentation/tray/probe.ts', "import { a } from '../../../main/x.js';", 'pure core'],
    ['app/sync/probe.ts', "import { readFile } from 'node:fs/promises';", 'pure core'],
    [
      'renderer/src/model/probe.ts',
      "import { a } from '../../../app/engine/sync-engine.js';",
      'ipc',
    ],
  ])('%s may not %s', async (file, statement, why) => {
    expect(await refusal(file, statement)).toContain(why);
  });

  it.each([
    ['app/ports/probe.ts', "import type { A } from './temporary-credentials.js';"],
    ['app/ports/probe.ts', "import type { A } from '../errors/sync-error.js';"],
    ['app/retry/probe.ts', "import type { Clock } from '../ports/clock.js';"],
    ['app/transfer/probe.ts', "import { FileLedger } from '../sync/file-ledger.js';"],
    ['app/engine/probe.ts', "import { TransferQueue } from '../transfer/transfer-queue.js';"],
    ['app/ipc/probe.ts', "import type { FolderState } from '../engine/folder-sync.js';"],
    ['app/presentation/probe.ts', "import type { A } from '../engine/engine-events.js';"],
    ['app/presentation/tray/probe.ts', "import { a } from '../../ipc/views.js';"],
    [
      'app/presentation/tray/probe.ts',
      "import { a } from '../../credentials/credential-health.js';",
    ],
    ['renderer/src/model/probe.ts', "import { a } from '../../../app/presentation/x.js';"],
  ])('%s may %s', async (file, statement) => {
    expect(await refusal(file, statement)).toBeUndefined();
  });
});

describe('main/ layers in eslint.config.js', () => {
  it.each([
    [
      'main/adapters/s3/probe.ts',
      "import { a } from '../../compose/stores.js';",
      'composition root',
    ],
    ['main/adapters/sts/probe.ts', "import { a } from '../../config/load-config.js';", 'port'],
    ['main/adapters/fs/probe.ts', "import { a } from 'electron';", 'Only main/electron/'],
    ['main/compose/probe.ts', "import { a } from '../ui-host/engine-session.js';", 'every shell'],
    ['main/config/probe.ts', "import { a } from '../cli/ferry.js';", 'every shell'],
    ['main/ui-host/probe.ts', "import { a } from '../cli/ferry.js';", 'neither shell'],
    ['main/web/probe.ts', "import { a } from '../cli/commands/serve.js';", 'neither shell'],
  ])('%s may not %s', async (file, statement, why) => {
    expect(await refusal(file, statement)).toContain(why);
  });

  it.each([
    ['main/adapters/s3/probe.ts', "import { a } from '../network/proxy-agents.js';"],
    ['main/adapters/s3/probe.ts', "import type { A } from '../../../app/config/schema.js';"],
    ['main/compose/probe.ts', "import { a } from '../adapters/s3/s3-object-store.js';"],
    ['main/ui-host/probe.ts', "import { a } from '../compose/compose.js';"],
    ['main/cli/commands/probe.ts', "import { a } from '../../web/web-server.js';"],
  ])('%s may %s', async (file, statement) => {
    expect(await refusal(file, statement)).toBeUndefined();
  });
});
