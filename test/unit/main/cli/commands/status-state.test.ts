import { describe, expect, it } from 'vitest';

import {
  describeStatusState,
  statusExitCode,
  statusStateOf,
  type StatusStateInputs,
} from '../../../../../main/cli/commands/status-state.js';

const fine = { problem: null, failed: 0, lastError: null };
const missing = {
  problem: { message: 'Folder "a": /x does not exist.', hint: 'Create the folder.' },
  failed: 0,
  lastError: null,
};

describe('ferry status state (the tray precedence, from what status can know offline)', () => {
  it('idle when no folder has a problem or a recorded failure', () => {
    const inputs: StatusStateInputs = { folders: [fine, fine] };

    expect(statusStateOf(inputs)).toBe('idle');
    expect(describeStatusState('idle', inputs)).toBe(
      'state: idle (no folder problem or failure recorded)',
    );
  });

  it('error for a folder whose path cannot be used, even with nothing failed', () => {
    const inputs: StatusStateInputs = { folders: [fine, missing] };

    expect(statusStateOf(inputs)).toBe('error');
    expect(describeStatusState('error', inputs)).toBe(
      'state: error (1 folder(s) cannot be synced)',
    );
  });

  it('error for recorded failures, counted across folders', () => {
    const inputs: StatusStateInputs = {
      folders: [
        { problem: null, failed: 2, lastError: 'AccessDenied' },
        { problem: null, failed: 1, lastError: 'AccessDenied' },
        missing,
      ],
    };

    expect(statusStateOf(inputs)).toBe('error');
    expect(describeStatusState('error', inputs)).toBe(
      'state: error (1 folder(s) cannot be synced, 3 failed)',
    );
  });

  it('error for a last error alone (a failure the journal names but no longer counts)', () => {
    expect(statusStateOf({ folders: [{ problem: null, failed: 0, lastError: 'x' }] })).toBe(
      'error',
    );
  });

  it('exits 1 when files failed, 2 when a folder cannot be used, 0 only when nothing is left behind', () => {
    // "Exit codes never lie": a cron job must not read 0 while failures are recorded.
    expect(statusExitCode(0, [fine, fine])).toBe(0);
    expect(statusExitCode(0, [fine, { failed: 3 }])).toBe(1);
    expect(statusExitCode(1, [fine, { failed: 3 }])).toBe(2);
    expect(statusExitCode(0, [])).toBe(0);
  });
});
