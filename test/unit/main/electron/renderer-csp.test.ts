import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..', '..');

/**
 * The page's own <meta> Content-Security-Policy (checklist #7), shared by the desktop window and
 * the `ferry serve` page. Each adds a stricter header on top (app://ferry allows no connections
 * at all, see app-protocol.test.ts; ferry serve only its own bridge); a page obeys both.
 */
async function pagePolicy(): Promise<Map<string, string[]>> {
  const html = await readFile(join(repo, 'renderer', 'index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  if (!meta?.[1]) throw new Error('renderer/index.html has no Content-Security-Policy meta tag');
  return new Map(
    meta[1]
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('the renderer page’s CSP', () => {
  it('runs only the app’s own scripts: no inline, no eval, no remote origins', async () => {
    const policy = await pagePolicy();
    const scripts = policy.get('script-src') ?? policy.get('default-src');
    expect(scripts).toEqual(["'self'"]);
  });

  it('allows no plugins, no <base> rewriting and no form posts', async () => {
    const policy = await pagePolicy();
    expect(policy.get('object-src') ?? policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('never relaxes evaluation anywhere', async () => {
    const values = [...(await pagePolicy()).values()].flat();
    expect(values).not.toContain("'unsafe-eval'");
    expect(values).not.toContain('*');
  });
});
