import type { FolderSpec } from '../sync/folder-spec.js';
import type { Plan } from '../sync/planner.js';

/**
 * A folder's mirror-mode deletes on hold (DESIGN.md §4, "Nothing is lost"): why they are held
 * (a missing or emptied root, a mass delete), whether the user confirmed, and since when each
 * file has been seen missing (the delete delay). The planner decides; this remembers between
 * scans what it decided, so the next plan can carry on from it.
 */
export class DeleteHold {
  /** Why deletes wait for the user, or null when they do not. */
  reason: string | null = null;
  private confirmed = false;
  /** Since when each recorded file has been seen missing: the planner's delay bookkeeping. */
  missingSince: ReadonlyMap<string, number> = new Map();

  constructor(private readonly spec: FolderSpec) {}

  /** The user confirmed: the deletes the planner held back may go at the next scan. */
  get deletesConfirmed(): boolean {
    return this.confirmed;
  }

  confirm(): void {
    this.confirmed = true;
    this.reason = null;
  }

  /**
   * Takes a plan's delete side: held (returns the reason to report), or released. A confirmation
   * covers the deletes it let through once; a later mass delete asks again.
   */
  settle(plan: Plan): string | null {
    if (plan.deletePause) {
      this.reason = describePause(plan.deletePause, this.spec, plan.missingSince.size);
      return this.reason;
    }
    this.reason = null;
    if (plan.deletes.length > 0) this.confirmed = false;
    return null;
  }
}

function describePause(
  reason: NonNullable<Plan['deletePause']>,
  spec: FolderSpec,
  count: number,
): string {
  switch (reason) {
    case 'root-missing':
      return `${spec.root} is missing (an unmounted disk?): deletes are on hold so nothing is removed from the bucket.`;
    case 'root-empty':
      return `${spec.root} is empty while Ferry has synced files from it: deletes are on hold until you confirm.`;
    case 'mass-delete':
      return `${count} files are gone from ${spec.root}: deleting that many objects needs your confirmation.`;
  }
}
