// Runs standalone.ts under plain Node 20 (which cannot execute TypeScript) without new
// dependencies: every .ts file of this directory is transpiled with the project's own
// `typescript` package into a temporary ESM directory, which is then imported. The server's
// files import only node: built-ins and each other, so a per-file transpile is enough (the
// type check is `npm run typecheck`'s job). The temporary directory is removed on exit.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import ts from 'typescript';

const sourceDir = dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'oss-test-server-'));
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));

writeFileSync(join(outDir, 'package.json'), '{"type":"module"}\n');
for (const name of readdirSync(sourceDir)) {
  if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
  const { outputText } = ts.transpileModule(readFileSync(join(sourceDir, name), 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
    },
    fileName: name,
  });
  writeFileSync(join(outDir, name.replace(/\.ts$/, '.js')), outputText);
}
await import(pathToFileURL(join(outDir, 'standalone.js')).href);
