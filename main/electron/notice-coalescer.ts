import type { Notice } from '../../app/ipc/views.js';

/** A notice to show natively, standing for `more` others of its kind that were held back. */
export interface CoalescedNotice {
  readonly notice: Notice;
  readonly more: number;
}

export interface NoticeCoalescerOptions {
  /** Which kinds become native notifications (the rest stay toasts in the window). */
  readonly kinds: ReadonlySet<Notice['kind']>;
  /** At most one notification per kind in this window. */
  readonly windowMs: number;
  readonly now: () => number;
  readonly show: (coalesced: CoalescedNotice) => void;
}

interface KindSlot {
  lastShownAt: number;
  held: { latest: Notice; count: number } | null;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Rate-limits native notifications: the first notice of a kind shows at once; those that follow
 * within `windowMs` are held, and when the window ends one notification shows the latest of
 * them with the count of the rest ("(+4 more)"). Twenty failed files make two notifications,
 * not twenty.
 */
export class NoticeCoalescer {
  private readonly slots = new Map<Notice['kind'], KindSlot>();

  constructor(private readonly options: NoticeCoalescerOptions) {}

  push(notice: Notice): void {
    if (!this.options.kinds.has(notice.kind)) return;
    const now = this.options.now();
    const slot = this.slots.get(notice.kind);
    if (!slot || (slot.held === null && now - slot.lastShownAt >= this.options.windowMs)) {
      this.slots.set(notice.kind, { lastShownAt: now, held: null, timer: undefined });
      this.options.show({ notice, more: 0 });
      return;
    }
    slot.held = { latest: notice, count: (slot.held?.count ?? 0) + 1 };
    slot.timer ??= setTimeout(
      () => this.flush(slot),
      Math.max(0, slot.lastShownAt + this.options.windowMs - now),
    );
  }

  dispose(): void {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
  }

  private flush(slot: KindSlot): void {
    slot.timer = undefined;
    if (!slot.held) return;
    const { latest, count } = slot.held;
    slot.held = null;
    slot.lastShownAt = this.options.now();
    this.options.show({ notice: latest, more: count - 1 });
  }
}

/** The body of a coalesced notification: the latest notice's, plus how many it stands for. */
export function coalescedBody(coalesced: CoalescedNotice, more: (count: number) => string): string {
  return coalesced.more > 0
    ? `${coalesced.notice.body} ${more(coalesced.more)}`
    : coalesced.notice.body;
}
