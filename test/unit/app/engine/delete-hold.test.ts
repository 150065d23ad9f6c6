import { describe, expect, it } from 'vitest';

import { DeleteHold } from '../../../../app/engine/delete-hold.js';
import type { FolderSpec } from '../../../../app/sync/folder-spec.js';
import type { Plan } from '../../../../app/sync/planner.js';

const SPEC: FolderSpec = {
  id: 'docs',
  root: '/home/alice/docs',
  profileId: 'ceph',
  bucket: 'b',
  prefix: '',
  mode: 'mirror',
  ignore: [],
  remoteListing: false,
  deleteDelayMs: 0,
};

function plan(patch: Partial<Plan>): Plan {
  return {
    uploads: [],
    deletes: [],
    forget: [],
    conflicts: [],
    collisions: [],
    unchanged: 0,
    missingSince: new Map(),
    deletePause: null,
    ...patch,
  };
}

describe('DeleteHold', () => {
  it('holds a mass delete with a reason naming the count, until the user confirms', () => {
    const hold = new DeleteHold(SPEC);
    const missing = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    const reason = hold.settle(plan({ deletePause: 'mass-delete', missingSince: missing }));

    expect(reason).toBe(
      '2 files are gone from /home/alice/docs: deleting that many objects needs your confirmation.',
    );
    expect(hold.reason).toBe(reason);
    expect(hold.deletesConfirmed).toBe(false);
    hold.confirm();
    expect(hold.reason).toBeNull();
    expect(hold.deletesConfirmed).toBe(true);
  });

  it('a confirmation covers the deletes it let through once, then lapses', () => {
    const hold = new DeleteHold(SPEC);
    hold.confirm();
    expect(hold.settle(plan({}))).toBeNull();
    expect(hold.deletesConfirmed).toBe(true);

    hold.settle(plan({ deletes: [{ relativePath: 'a', remoteKey: 'a' }] }));
    expect(hold.deletesConfirmed).toBe(false);
  });

  it('says why a missing or emptied root holds deletes', () => {
    const hold = new DeleteHold(SPEC);
    expect(hold.settle(plan({ deletePause: 'root-missing' }))).toMatch(
      /^\/home\/alice\/docs is missing \(an unmounted disk\?\)/,
    );
    expect(hold.settle(plan({ deletePause: 'root-empty' }))).toMatch(
      /is empty .* until you confirm/,
    );
  });
});
