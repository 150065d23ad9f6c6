import { describe, expect, it } from 'vitest';

import { errorView } from '../../../../../app/errors/sync-error.js';
import { translateStoreFailure } from '../../../../../main/adapters/sdk-errors/store-error.js';

// The UI translates errors by code with these params (renderer/src/i18n/errors/): a missing
// param makes it fall back to the English message, so the adapters must set them.
describe('store failures carry the params the UI translates with', () => {
  const what = 'PutObject photos/a.jpg';

  it.each([
    [403, 'AccessDenied', 'access-denied'],
    [404, 'NoSuchBucket', 'bucket-missing'],
    [400, 'InvalidBucketName', 'bucket-invalid'],
    [400, 'InvalidObjectName', 'key-invalid'],
    [503, 'SlowDown', 'throttled'],
    [500, 'InternalError', 'server-error'],
  ])('HTTP %i %s → %s with action, status and store code', (status, name, code) => {
    const error = translateStoreFailure({ status, name, requestId: 'r', network: undefined }, what);
    expect(error.code).toBe(code);
    expect(errorView(error).params).toEqual({ action: what, status, storeCode: name });
  });

  it('a network failure names the action and the socket error', () => {
    const error = translateStoreFailure(
      { status: undefined, name: 'Error', requestId: undefined, network: 'ECONNRESET' },
      what,
    );
    expect(error.params).toEqual({ action: what, detail: 'ECONNRESET' });
  });

  it('a skewed clock gives the seconds off and the direction', () => {
    const error = translateStoreFailure(
      {
        status: 403,
        name: 'RequestTimeTooSkewed',
        requestId: undefined,
        network: undefined,
        skewMs: -1_234_400,
      },
      what,
    );
    expect(error.code).toBe('clock-skewed');
    expect(error.params).toEqual({
      action: what,
      peer: 'store',
      seconds: 1234,
      direction: 'behind',
    });
  });
});
