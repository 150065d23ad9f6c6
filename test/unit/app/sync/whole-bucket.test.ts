import { describe, expect, it } from 'vitest';

import { wholeBucketWarning } from '../../../../app/sync/whole-bucket.js';

describe('wholeBucketWarning (issue 11)', () => {
  it('warns for prefix "", naming the folder and the bucket', () => {
    expect(wholeBucketWarning({ id: 'docs', bucket: 'team', prefix: '' })).toMatch(
      /^Folder "docs" syncs into the whole bucket "team" \(prefix: ""\)/,
    );
  });

  it('says nothing for a folder with a prefix', () => {
    expect(wholeBucketWarning({ id: 'docs', bucket: 'team', prefix: 'alice/' })).toBeNull();
  });
});
