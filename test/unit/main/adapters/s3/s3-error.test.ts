import { describe, expect, it } from 'vitest';

import { isCredentialRejection } from '../../../../../app/transfer/auth-retrying-store.js';
import { translateS3Error } from '../../../../../main/adapters/s3/s3-error.js';
import { s3Error } from '../../../../support/s3-sdk-error.js';

/** Whether the AuthRetryingStore refreshes the token for this error, as the S3 store reports it. */
const isS3AuthFailure = (error: unknown) => isCredentialRejection(translateS3Error(error, 'x'));

describe('translateS3Error', () => {
  it('a skewed 403 is clock-skewed with the offset, and never forces a token refresh', () => {
    const date = new Date(Date.now() - 1000 * 1000).toUTCString();
    const error = s3Error('RequestTimeTooSkewed', 403, { date });
    expect(isS3AuthFailure(error)).toBe(false);
    const translated = translateS3Error(error, 'PutObject a');
    expect(translated).toMatchObject({ code: 'clock-skewed', disposition: 'fatal' });
    expect(translated.message).toMatch(
      /your clock is (999|1000|1001) s off \(ahead of the store's time\)/,
    );
  });

  it('a plain 403 AccessDenied still forces one refresh (expired tokens look like that)', () => {
    expect(isS3AuthFailure(s3Error('AccessDenied', 403, { date: new Date().toUTCString() }))).toBe(
      true,
    );
  });
});
