import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildOnce } from '../../support/build-once.js';
import { ferry, md5, remoteTree, workspace } from './ferry-process.js';

const NFC = 'caf\u00e9.txt';
const NFD = 'cafe\u0301.txt';

describe('two local names on one key, against Ceph RGW (issue 11)', () => {
  it('mirror mode: neither spelling is uploaded or deleted; once one is gone the other syncs', async () => {
    await buildOnce();
    const ws = await workspace('nfc-nfd', { mode: 'mirror' });
    await writeFile(join(ws.data, NFC), 'written on Linux');
    await writeFile(join(ws.data, NFD), 'copied from a Mac');
    await writeFile(join(ws.data, 'plain.txt'), 'fine');

    const dryRun = await ferry(['sync', '--config', ws.config, '--dry-run']);
    expect(dryRun.stdout).toMatch(/fail {4}.*same key as .*neither is uploaded/);
    expect(dryRun.code).toBe(1);

    const first = await ferry(['sync', '--config', ws.config, '--once']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/Two files map to the same key/);
    expect([...(await remoteTree(ws.prefix)).keys()]).toEqual(['plain.txt']);

    // The user keeps one of them: it uploads, and nothing is deleted on the way.
    await rm(join(ws.data, NFD));
    const second = await ferry(['sync', '--config', ws.config, '--once']);
    expect(second.stderr).not.toMatch(/Two files map/);
    expect(second.code).toBe(0);
    const tree = await remoteTree(ws.prefix);
    expect(tree.get(NFC)).toBe(md5('written on Linux'));
    expect(tree.get('plain.txt')).toBe(md5('fine'));
  }, 300_000);
});
