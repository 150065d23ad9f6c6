import { describe, expect, it } from 'vitest';

import { secretEnvName } from '../../../../app/credentials/secret-env-name.js';

describe('secretEnvName', () => {
  it.each([
    ['ceph', 'FERRY_SECRET_CEPH'],
    ['ceph-lab.2', 'FERRY_SECRET_CEPH_LAB_2'],
    ['CTyun_Main', 'FERRY_SECRET_CTYUN_MAIN'],
    ['a--b', 'FERRY_SECRET_A__B'],
  ])('%s → %s', (id, name) => {
    expect(secretEnvName(id)).toBe(name);
  });
});
