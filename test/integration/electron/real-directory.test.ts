import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { realDirectory } from '../../../main/electron/real-directory.js';

describe('realDirectory: what "open folder" may hand to the file manager', () => {
  it('gives the real path of a directory, and null for files, links to files, and the rest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ferry-open-'));
    await mkdir(join(root, 'docs'));
    await writeFile(join(root, 'run-me.sh'), '#!/bin/sh\necho pwned\n', { mode: 0o755 });
    await symlink(join(root, 'docs'), join(root, 'docs-link'));
    await symlink(join(root, 'run-me.sh'), join(root, 'looks-like-a-folder'));
    expect(await realDirectory(join(root, 'docs'))).toBe(join(root, 'docs'));
    expect(await realDirectory(join(root, 'docs-link'))).toBe(join(root, 'docs'));
    expect(await realDirectory(join(root, 'run-me.sh'))).toBeNull();
    expect(await realDirectory(join(root, 'looks-like-a-folder'))).toBeNull();
    expect(await realDirectory(join(root, 'missing'))).toBeNull();
    expect(await realDirectory('docs')).toBeNull();
  });
});
