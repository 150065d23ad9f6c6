import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { credentialHealthOf } from '../../../app/credentials/credential-health.js';
import type { UiSnapshot } from '../../../app/ipc/views.js';
import { EnvOverlaySecretStore } from '../../../main/adapters/secrets/env-overlay-secret-store.js';
import { KeytarSecretStore } from '../../../main/adapters/secrets/keytar-secret-store.js';
import { startFerryUiHost, type FerryUiHost } from '../../../main/ui-host/ferry-ui-host.js';
import { rgw } from '../setup/rgw-info.js';

/** Short enough that 3.5 lifetimes fit in a test; the shared RGW allows tokens down to 1 s. */
const LIFETIME_SECONDS = 20;
const IDLE_MS = 3.5 * LIFETIME_SECONDS * 1000;

const hosts: FerryUiHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

describe('an idle engine keeps its token fresh (issue 12, real RGW STS)', () => {
  it(
    `ferry serve's host, idle for ${IDLE_MS / 1000} s with ${LIFETIME_SECONDS} s tokens: every snapshot shows a valid token renewed when it said`,
    async () => {
      const info = rgw();
      const dir = await mkdtemp(join(tmpdir(), 'ferry-idle-'));
      await mkdir(join(dir, 'docs'));
      const configPath = join(dir, 'ferry.json');
      const document = {
        profiles: [
          {
            id: 'idle',
            endpoint: info.endpoint,
            forcePathStyle: true,
            credentials: {
              source: 'assume-role',
              accessKeyId: info.user.accessKeyId,
              roleArn: info.roleArn,
              durationSeconds: LIFETIME_SECONDS,
              minDurationSeconds: 1,
            },
          },
        ],
        folders: [
          {
            id: 'docs',
            path: join(dir, 'docs'),
            profile: 'idle',
            bucket: info.bucket,
            prefix: `idle-${Date.now()}/`,
          },
        ],
        stateDir: join(dir, 'state'),
      };
      await writeFile(configPath, JSON.stringify(document));
      const host = await startFerryUiHost({
        configPath,
        secrets: new EnvOverlaySecretStore(new KeytarSecretStore(), {
          FERRY_SECRET_IDLE: info.user.secretAccessKey,
        }),
        host: 'web',
        logWrite: () => {},
      });
      hosts.push(host);

      // The first token arrives with nothing uploading; the start-up preflight and first scan
      // are work under way (tray: syncing, issue 12's 'checking'), so idleness is watched from
      // the moment they are done.
      const first = Date.now() + 30_000;
      const settled = () => {
        const snapshot = host.snapshot();
        return (
          (snapshot.profiles[0]?.status.expiresAt ?? null) !== null && snapshot.trayState === 'idle'
        );
      };
      while (!settled() && Date.now() < first) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const snapshots: UiSnapshot[] = [];
      const end = Date.now() + IDLE_MS;
      while (Date.now() < end) {
        snapshots.push(host.snapshot());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }

      const refreshes = new Set<number>();
      const promised = new Set<number>();
      for (const snapshot of snapshots) {
        const status = snapshot.profiles[0]?.status;
        expect(status, 'the profile is listed').toBeDefined();
        if (!status) continue;
        expect(status.lastError).toBeNull();
        expect(status.expiresAt ?? 0).toBeGreaterThan(snapshot.generatedAt);
        expect(credentialHealthOf(status, snapshot.generatedAt)).toBe('valid');
        expect(snapshot.trayState).toBe('idle');
        if (status.lastRefreshAt !== null) refreshes.add(status.lastRefreshAt);
        if (status.nextRefreshAt !== null) promised.add(status.nextRefreshAt);
      }
      // At least three renewals while idle, each close to a time shown beforehand (the STS round
      // trip lies between the planned time and the token's arrival).
      const renewals = [...refreshes].sort((a, b) => a - b).slice(1);
      expect(renewals.length).toBeGreaterThanOrEqual(3);
      for (const at of renewals) {
        const planned = [...promised].filter((p) => p <= at && at - p < 3_000);
        expect(
          planned.length,
          `renewal at ${new Date(at).toISOString()} was shown`,
        ).toBeGreaterThan(0);
      }
      expect(host.snapshot().totals).toMatchObject({ active: 0, queued: 0, done: 0 });
    },
    IDLE_MS + 60_000,
  );
});
