import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../../../app/config/parse-config.js';
import { errorAt, parseConfigErrors } from '../../../../../renderer/src/model/config-errors.js';

/** The message `config:save` relays: what parseConfig throws for this document. */
function engineMessage(document: unknown): string {
  try {
    parseConfig(document, 'ferry.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the document was valid');
}

describe('parseConfigErrors', () => {
  it('reads every field path and message out of the engine’s own error', () => {
    const message = engineMessage({
      profiles: [
        {
          id: 'ceph',
          endpoint: 'https://rgw.example',
          credentials: { source: 'assume-role', roleArn: 'not-an-arn', accessKeyId: 'AK' },
        },
      ],
      folders: [{ id: 'docs', path: '/home/u/docs', profile: 'nope', bucket: 'Bad_Bucket' }],
    });
    const parsed = parseConfigErrors(message);
    expect(parsed.summary).toContain('ferry.yaml is not a valid Ferry configuration');
    expect(errorAt(parsed.fields, 'profiles[0].credentials.roleArn')).toMatch(/must look like/);
    expect(errorAt(parsed.fields, 'folders[0].bucket')).toMatch(/lower-case/);
    expect(errorAt(parsed.fields, 'folders[0].profile')).toMatch(/no profile with id "nope"/);
    expect(errorAt(parsed.fields, 'folders[0].id')).toBeNull();
  });

  it('keeps whole-document problems without a path', () => {
    const parsed = parseConfigErrors(engineMessage({ profiles: [], surprise: 1 }));
    expect(
      parsed.fields.some((field) => field.path === '' && /unknown key/.test(field.message)),
    ).toBe(true);
    expect(errorAt(parsed.fields, 'profiles')).toMatch(/at least one profile/);
  });

  it('falls back to the plain message when it lists nothing', () => {
    expect(parseConfigErrors('Cannot write /etc/ferry.yaml: EACCES')).toEqual({
      summary: 'Cannot write /etc/ferry.yaml: EACCES',
      fields: [],
    });
  });
});
