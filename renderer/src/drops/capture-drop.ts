import type { DropPayload } from './drop-uploader.js';

/** Whether a drag carries files (not text or a link dragged from another page). */
export function carriesFiles(dataTransfer: DataTransfer | null): boolean {
  return dataTransfer !== null && Array.from(dataTransfer.types).includes('Files');
}

/**
 * Copies what the drop carried out of the DataTransfer, which is emptied once the event
 * handler returns: the File objects (desktop: their paths) and the file-system entries
 * (browser: to walk dropped folders).
 */
export function captureDrop(dataTransfer: DataTransfer): DropPayload {
  const files = Array.from(dataTransfer.files);
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
  }
  return { files, entries };
}
