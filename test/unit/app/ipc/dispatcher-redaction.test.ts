import { describe, expect, it } from 'vitest';

import type { RequestHandlers } from '../../../../app/ipc/contract.js';
import { requestChannels } from '../../../../app/ipc/contract.js';
import { createDispatcher } from '../../../../app/ipc/dispatcher.js';
import { SyncError } from '../../../../app/errors/sync-error.js';
import { processSecrets } from '../../../../app/logging/redact.js';

const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLE';
const VENDOR_TOKEN = 'device-token-that-looks-like-nothing-77';

/** Every channel answers with `answer` (or throws it when it is an Error). */
function handlersAnswering(answer: unknown): RequestHandlers {
  return Object.fromEntries(
    requestChannels.map((channel) => [
      channel,
      () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer)),
    ]),
  ) as unknown as RequestHandlers;
}

describe('the UI bridge redacts what it sends (issue 11)', () => {
  it('a SyncError quoting an STS answer reaches the UI without the secret', async () => {
    const error = new SyncError(
      'sts-bad-response',
      'fatal',
      `STS answered <Credentials><SecretAccessKey>${SECRET}</SecretAccessKey></Credentials>`,
      { hint: `AWS_SECRET_ACCESS_KEY=${SECRET} was not accepted` },
    );
    const reply = await createDispatcher(handlersAnswering(error))('app:get-snapshot', {});
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(reply).toMatchObject({ ok: false, error: { code: 'sts-bad-response' } });
  });

  it('a plain Error with a bearer token becomes internal, redacted', async () => {
    const reply = await createDispatcher(
      handlersAnswering(new Error(`fetch failed: Authorization: Bearer ${VENDOR_TOKEN}`)),
    )('app:get-snapshot', {});
    expect(JSON.stringify(reply)).not.toContain(VENDOR_TOKEN);
  });

  it('views in results (a snapshot with errors) are redacted; a registered secret too', async () => {
    processSecrets.remember(VENDOR_TOKEN);
    const snapshot = {
      folders: [{ id: 'docs', lastError: `vendor said ${VENDOR_TOKEN} expired` }],
      configError: { message: 'proxy https://bob:pa55word99@proxy:3128 refused', hint: null },
    };
    const reply = await createDispatcher(handlersAnswering(snapshot))('app:get-snapshot', {});
    const text = JSON.stringify(reply);
    expect(text).not.toContain(VENDOR_TOKEN);
    expect(text).not.toContain('pa55word99');
    expect(text).toContain('"id":"docs"');
  });
});
