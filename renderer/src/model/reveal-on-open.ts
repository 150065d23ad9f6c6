/** The one method of an element that revealing it needs (a fake in the unit test). */
export interface Revealable {
  scrollIntoView(options: { readonly block: 'nearest' }): void;
}

/**
 * Scrolls a just-opened detail pane into view. At 720×480 only about three rows fit, so an
 * opened pane below them stayed out of sight (screenshot review, issue 13). `nearest` scrolls
 * only as far as needed and not at all when the pane is already visible; it runs on the next
 * frame because the virtual list measures the taller row and moves it only after this render.
 */
export function revealOnOpen(
  element: Revealable | null,
  nextFrame: (callback: () => void) => void,
): void {
  if (element === null) return;
  nextFrame(() => element.scrollIntoView({ block: 'nearest' }));
}
