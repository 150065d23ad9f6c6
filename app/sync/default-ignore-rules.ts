/**
 * Always ignored, whatever the folder's patterns say: OS and editor droppings, lock files,
 * unfinished downloads, and Ferry's own temporary files. Deliberately not `*~` or `*.tmp`: too
 * many real documents match them; users who want them ignored add them.
 */
export const DEFAULT_IGNORE_PATTERNS: readonly string[] = [
  '.DS_Store',
  'Thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
  '~$*', // Microsoft Office lock files
  '.~lock.*#', // LibreOffice lock files
  '*.swp',
  '*.swo',
  '*.swx',
  '.*.sw?', // vim swap files
  '*.crdownload',
  '*.part',
  '*.partial',
  '*.download',
  '.ferry-*', // our own temporary files
  '.Trash-*/',
  '$RECYCLE.BIN/',
  'System Volume Information/',
];
