import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// "No product file over 300 lines" as eslint.config.js enforces it: a warning, which fails
// `npm run lint` (--max-warnings 0). Probed on files that do not exist, so no type information.
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'max-lines',
});

async function lengthWarnings(file: string, text: string): Promise<number> {
  const [result] = await eslint.lintText(text, { filePath: file });
  return result?.warningCount ?? 0;
}

const code = (lines: number): string =>
  Array.from({ length: lines }, (_, index) => `export const line${index} = ${index};`).join('\n');
// Why-comments count like code: the remedy for a long file is a split by job, not fewer comments.
const commented = (lines: number): string =>
  `${code(lines - 100)}\n${Array.from({ length: 100 }, () => '// why').join('\n')}`;

describe('the 300-line limit in eslint.config.js', () => {
  // Loading eslint.config.js (typescript-eslint and its parser) takes seconds on a busy machine.
  beforeAll(async () => {
    await eslint.calculateConfigForFile('app/probe.ts');
  }, 60_000);

  it.each(['app/sync/probe.ts', 'main/adapters/s3/probe.ts', 'renderer/src/views/probe.tsx'])(
    'warns on %s at 301 lines, comments included, not at 300',
    async (file) => {
      expect(await lengthWarnings(file, code(300))).toBe(0);
      expect(await lengthWarnings(file, code(301))).toBe(1);
      expect(await lengthWarnings(file, commented(301))).toBe(1);
    },
  );

  it('leaves tests alone (a table of cases may be long)', async () => {
    expect(await lengthWarnings('test/unit/app/sync/probe.test.ts', code(400))).toBe(0);
  });
});
