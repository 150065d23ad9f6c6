import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { seededPlan, type FaultPlan } from '../../services/fault-plan.js';
import { startFaultProxy, type FaultProxy } from '../../services/fault-proxy.js';
import { buildOnce } from '../../support/build-once.js';
import { rgw } from '../setup/rgw-info.js';
import { ferry, remoteTree, workspace } from '../sync/ferry-process.js';
import {
  expectNoSecrets,
  extraCreates,
  faultSummary,
  openUploads,
  resentAfterSuccess,
  writeMixedTree,
} from './fault-support.js';

beforeAll(buildOnce, 120_000);

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** FERRY_FAULT_SEED replays one run; otherwise a fixed seed, so CI is reproducible. */
const SEED = Number(process.env['FERRY_FAULT_SEED'] ?? 11);

async function syncThroughFaults(
  label: string,
  plan: FaultPlan,
  options: Parameters<typeof workspace>[1] = {},
) {
  proxy = await startFaultProxy(rgw().endpoint, plan);
  const ws = await workspace(label, {
    ...options,
    profile: { endpoint: proxy.url },
    transfers: { partSize: '5MiB', concurrency: 4, partConcurrency: 2, ...options.transfers },
  });
  return { ws, proxy };
}

describe('the fault tier: ferry sync --once through a fault-injecting proxy to Ceph RGW', () => {
  it(`a mixed tree survives resets, stalls, 5xx and lost answers (seed ${SEED})`, async () => {
    const { ws, proxy } = await syncThroughFaults(`faults-${SEED}`, seededPlan(SEED));
    const expected = await writeMixedTree(ws.data, 20, 3);

    const result = await ferry(['sync', '--config', ws.config, '--once', '--json']);

    const faults = faultSummary(proxy.exchanges);
    expect(result.code, `${result.stderr}\nfaults:\n${faults}`).toBe(0);
    expect(await remoteTree(ws.prefix)).toEqual(expected);
    // Every kind of fault was really applied (the run proves something).
    const applied = new Set(proxy.exchanges.map((x) => x.fault));
    for (const kind of [
      'reset-before-body',
      'reset-after-body',
      'status',
      'stall',
      'lose-answer',
    ]) {
      expect(applied, faults).toContain(kind);
    }
    const lost = (operation: string) =>
      proxy.exchanges.filter((x) => x.operation === operation && x.fault === 'lose-answer');
    expect(lost('CompleteMultipartUpload'), faults).toHaveLength(1);
    expect(lost('CreateMultipartUpload'), faults).toHaveLength(1);
    expect(resentAfterSuccess(proxy.exchanges), faults).toEqual([]);
    expect(extraCreates(proxy.exchanges), faults).toEqual([]);
    expect(await openUploads(ws.prefix), faults).toEqual([]);
    await expectNoSecrets(proxy, ws.state, [result.stdout, result.stderr]);
  }, 60_000);

  it('one 503 on the preflight HEAD does not end the run (exit 0, not 2)', async () => {
    const { ws } = await syncThroughFaults('faults-preflight', {
      rules: [
        {
          operation: 'HeadObject',
          nth: 1,
          fault: { kind: 'status', status: 503, code: 'SlowDown' },
        },
        { operation: 'HeadObject', nth: 2, fault: { kind: 'reset-before-body' } },
      ],
    });
    const expected = await writeMixedTree(ws.data, 2, 0);

    const result = await ferry(['sync', '--config', ws.config, '--once']);

    expect(result.code, result.stderr).toBe(0);
    expect(await remoteTree(ws.prefix)).toEqual(expected);
  }, 30_000);

  it('a lost Complete answer and a failed verifying HEAD cost no second upload of the file', async () => {
    const { ws, proxy } = await syncThroughFaults('faults-complete', {
      rules: [
        { operation: 'CompleteMultipartUpload', nth: 1, fault: { kind: 'lose-answer' } },
        // HEAD 1 is the preflight; HEAD 2 verifies the upload after the lost Complete.
        {
          operation: 'HeadObject',
          nth: 2,
          fault: { kind: 'status', status: 503, code: 'SlowDown' },
        },
      ],
    });
    const expected = await writeMixedTree(ws.data, 0, 1);

    const result = await ferry(['sync', '--config', ws.config, '--once']);

    const count = (operation: string) =>
      proxy.exchanges.filter((x) => x.operation === operation).length;
    expect(result.code, result.stderr).toBe(0);
    expect(count('CreateMultipartUpload')).toBe(1);
    expect(count('UploadPart')).toBe(3);
    expect(await remoteTree(ws.prefix)).toEqual(expected);
    expect(await openUploads(ws.prefix)).toEqual([]);
  }, 30_000);

  it('the upload a lost CreateMultipartUpload answer created is aborted before the run ends', async () => {
    const { ws, proxy } = await syncThroughFaults('faults-orphan', {
      rules: [{ operation: 'CreateMultipartUpload', nth: 1, fault: { kind: 'lose-answer' } }],
    });
    const expected = await writeMixedTree(ws.data, 0, 1);

    const result = await ferry(['sync', '--config', ws.config, '--once']);

    expect(result.code, result.stderr).toBe(0);
    expect(await remoteTree(ws.prefix)).toEqual(expected);
    expect(proxy.exchanges.filter((x) => x.operation === 'CreateMultipartUpload')).toHaveLength(2);
    expect(
      proxy.exchanges.filter((x) => x.operation === 'AbortMultipartUpload' && x.delivered === 204),
    ).toHaveLength(1);
    expect(await openUploads(ws.prefix)).toEqual([]);
  }, 30_000);

  it('an STS outage longer than a token lifetime: transfers wait, then finish (exit 0)', async () => {
    // 3 s tokens; STS answers 503 from 1.5 s to 7.5 s; 16 MiB at 2 MiB/s runs about 8 s.
    const { ws, proxy } = await syncThroughFaults(
      'faults-sts',
      { rules: [], stsOutage: { fromMs: 1_500, durationMs: 6_000 } },
      {
        credentials: { durationSeconds: 3, minDurationSeconds: 1 },
        transfers: { bandwidthLimit: '2MiB' },
      },
    );
    const expected = await writeMixedTree(ws.data, 6, 1);

    const result = await ferry(['sync', '--config', ws.config, '--once']);

    const sts = proxy.exchanges.filter((x) => x.operation === 'AssumeRole');
    expect(result.code, `${result.stderr}\n${faultSummary(proxy.exchanges)}`).toBe(0);
    expect(sts.some((x) => x.fault === 'sts-outage')).toBe(true);
    expect(sts.at(-1)?.delivered).toBe(200);
    expect(await remoteTree(ws.prefix)).toEqual(expected);
    expect(resentAfterSuccess(proxy.exchanges)).toEqual([]);
    await expectNoSecrets(proxy, ws.state, [result.stdout, result.stderr]);
  }, 40_000);
});
