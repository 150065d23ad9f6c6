import { describe, expect, it } from 'vitest';

import { CredentialBroker } from '../../../../../app/credentials/credential-broker.js';
import type { TemporaryCredentials } from '../../../../../app/ports/temporary-credentials.js';
import { withRetries } from '../../../../../app/retry/with-retries.js';
import {
  aliyunStsFailure,
  translateStsError,
} from '../../../../../main/adapters/sdk-errors/sts-error.js';
import { FakeClock } from '../../../../fakes/fake-clock.js';

const context = {
  profileId: 'ali',
  endpoint: 'https://sts.aliyuncs.com',
  accessKeyId: 'LTAI5t',
  roleArn: 'acs:ram::1:role/r',
  durationSeconds: 3600,
};

/** Alibaba STS answering HTTP 400 Throttling.User `throttled` times, then a token. */
function throttledSource(clock: FakeClock, throttled: number) {
  let calls = 0;
  const source = (): Promise<TemporaryCredentials> => {
    calls += 1;
    if (calls <= throttled) {
      const error = Object.assign(new Error('Request was denied due to user flow control.'), {
        status: 400,
        code: 'Throttling.User',
        requestId: `req-${calls}`,
      });
      return Promise.reject(translateStsError(error, context, aliyunStsFailure(error)));
    }
    return Promise.resolve({
      accessKeyId: 'STS.x',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(clock.now() + 3_600_000),
    });
  };
  return { source, calls: () => calls };
}

describe('STS throttling', () => {
  it('makes the profile wait with backoff, even where a fatal error would end the run', async () => {
    const clock = new FakeClock();
    const sts = throttledSource(clock, 3);
    const broker = new CredentialBroker({
      label: 'ali',
      source: sts.source,
      clock,
      random: () => 0.5,
    });
    const waits: number[] = [];
    const token = withRetries(() => broker.get(), {
      clock,
      random: () => 0.5,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      maxAttempts: 2,
      failOnFatalCredentials: true, // ferry sync --once
      onWait: (wait) => waits.push(wait.delayMs),
    });
    for (let i = 0; i < 10 && sts.calls() < 4; i++) await clock.advance(60_000);
    await expect(token).resolves.toMatchObject({ accessKeyId: 'STS.x' });
    expect(sts.calls()).toBe(4);
    // The broker's jittered exponential backoff paced the attempts (2 s base, doubling).
    expect(waits).toEqual([1_500, 3_000, 6_000]);
  });
});
