import { useEffect, useState } from 'react';

import { captureDrop, carriesFiles } from '../drops/capture-drop.js';
import type { DropPayload } from '../drops/drop-uploader.js';

/**
 * Files dragged over the window: shows the overlay while they hover, and hands over drops that
 * no folder card took. Also stops the browser (and Electron) from navigating to a dropped file.
 */
export function useWindowDrag(onDrop: (payload: DropPayload) => void): boolean {
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed; count them to know when we truly left.
    let depth = 0;
    const reset = (): void => {
      depth = 0;
      setDragging(false);
    };
    const onEnter = (event: DragEvent): void => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth += 1;
      setDragging(true);
    };
    const onLeave = (event: DragEvent): void => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent): void => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    // Capture phase: runs before any card, so the overlay goes away wherever the drop lands.
    const onAnyDrop = (event: DragEvent): void => {
      reset();
      if (carriesFiles(event.dataTransfer)) event.preventDefault();
    };
    // Bubble phase: only drops that no folder card stopped reach the window.
    const onUnclaimedDrop = (event: DragEvent): void => {
      if (!event.dataTransfer || !carriesFiles(event.dataTransfer)) return;
      onDrop(captureDrop(event.dataTransfer));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onAnyDrop, true);
    window.addEventListener('drop', onUnclaimedDrop);
    window.addEventListener('dragend', reset);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onAnyDrop, true);
      window.removeEventListener('drop', onUnclaimedDrop);
      window.removeEventListener('dragend', reset);
    };
  }, [onDrop]);

  return dragging;
}
