import { useCallback, useRef, useState } from 'react';

import type { FolderView } from '../../../app/ipc/views.js';
import { useSession } from '../bridge/session-context.js';
import { dropToast } from '../drops/drop-toast.js';
import type { DropProgress, DropTarget } from '../drops/drop-outcome.js';
import type { DropPayload } from '../drops/drop-uploader.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useToast } from './toast-context.js';
import { describeError } from './use-request.js';
import { useWindowDrag } from './use-window-drag.js';

export interface DropController {
  /** Files are being dragged over the window. */
  readonly dragging: boolean;
  /** Files being handed to the engine, over every drop still running. */
  readonly progress: DropProgress | null;
  /** A drop on the window waiting for the user to pick a folder. */
  readonly choosing: DropPayload | null;
  dropOnFolder: (folderId: string, payload: DropPayload) => void;
  /** Files chosen with "Upload files…": they go where a drop on the window would. */
  uploadChosen: (payload: DropPayload) => void;
  choose: (target: DropTarget) => void;
  cancelChoice: () => void;
}

/**
 * Where dropped files go: a folder card's drop uploads into that folder; a drop elsewhere goes
 * to the only folder, or waits for the chooser when there are several.
 */
export function useDropController(folders: readonly FolderView[]): DropController {
  const { drops } = useSession();
  const toast = useToast();
  const i18n = useI18n();
  const [choosing, setChoosing] = useState<DropPayload | null>(null);
  const [running, setRunning] = useState<ReadonlyMap<number, DropProgress>>(new Map());
  const nextDrop = useRef(1);

  const upload = useCallback(
    (target: DropTarget, payload: DropPayload) => {
      const id = nextDrop.current++;
      const track = (progress: DropProgress | null): void =>
        setRunning((current) => {
          const next = new Map(current);
          if (progress) next.set(id, progress);
          else next.delete(id);
          return next;
        });
      drops
        .upload(target, payload, track)
        .then(
          (outcome) => {
            const shown = dropToast(outcome, target.folderId, i18n);
            if (shown) toast(shown);
          },
          (error: unknown) =>
            toast({
              level: 'error',
              title: i18n.t('dropError'),
              ...describeError(error, i18n.error),
            }),
        )
        .finally(() => track(null));
    },
    [drops, toast, i18n],
  );

  const onWindowDrop = useCallback(
    (payload: DropPayload) => {
      const [first, second] = folders;
      if (!first) {
        toast({ level: 'error', title: i18n.t('dropNoFolder'), body: i18n.t('dropNoFolderBody') });
      } else if (!second) {
        upload({ folderId: first.id, subPrefix: '' }, payload);
      } else {
        setChoosing(payload);
      }
    },
    [folders, upload, toast, i18n],
  );

  const dragging = useWindowDrag(onWindowDrop);

  const progress = [...running.values()].reduce<DropProgress | null>(
    (sum, { sent, total }) => ({ sent: (sum?.sent ?? 0) + sent, total: (sum?.total ?? 0) + total }),
    null,
  );

  return {
    dragging,
    progress,
    choosing,
    dropOnFolder: (folderId, payload) => upload({ folderId, subPrefix: '' }, payload),
    uploadChosen: onWindowDrop,
    choose: (target) => {
      if (choosing) upload(target, choosing);
      setChoosing(null);
    },
    cancelChoice: () => setChoosing(null),
  };
}
