/** The one method of an element that revealing it needs (a fake in the unit test). */
export interface Revealable {
  scrollIntoView(options: { readonly block: 'nearest' }): void;
}

/**
 * Scrolls the row whose detail pane just opened into view. At 720×480 only about three rows
 * fit, so an opened pane below them stayed out of sight (screenshot review, issue 13). The row,
 * not the pane: `nearest` (CSSOM View, "scroll an element into view") shows a row that fits
 * whole, and aligns the top of one taller than the list, so its Retry button stays visible
 * (scrolling the pane alone hid the row's top at 720×480). It scrolls not at all when the row
 * is already in view, and runs on the next frame because the virtual list measures the taller
 * row and moves it only after this render.
 */
export function revealOnOpen(
  element: Revealable | null,
  nextFrame: (callback: () => void) => void,
): void {
  if (element === null) return;
  nextFrame(() => element.scrollIntoView({ block: 'nearest' }));
}
