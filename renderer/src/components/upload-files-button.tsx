import { createContext, useContext, useRef, type ChangeEvent } from 'react';

import { useSession } from '../bridge/session-context.js';
import type { DropPayload } from '../drops/drop-uploader.js';
import { useToast } from '../hooks/toast-context.js';
import { describeError } from '../hooks/use-request.js';
import { useI18n } from '../i18n/i18n-context.js';

/** Where chosen files go: the drop controller's "drop on the window" (one folder, or the chooser). */
export const UploadChooserContext = createContext<((payload: DropPayload) => void) | null>(null);

/**
 * "Upload files…": the keyboard's (and the unsure mouse's) way to do what a drop does. The
 * desktop asks main for the system's open dialog (`dialog:pick-files`) and hands the chosen paths
 * to the engine like dropped ones; a browser opens its own file chooser through a hidden
 * `<input type="file" multiple>` and streams the files to `ferry serve` like dropped ones.
 */
export function UploadFilesButton({
  onChosen,
  refusal = null,
}: {
  readonly onChosen?: (payload: DropPayload) => void;
  /** Why this folder takes no uploads now (model/upload-refusal.ts): the button is disabled and
   *  says so, instead of queueing files the engine would refuse. */
  readonly refusal?: string | null;
}) {
  const chooser = useContext(UploadChooserContext);
  /** A folder card's button uploads into that folder; elsewhere the files go where a drop would. */
  const upload = onChosen ?? chooser;
  const { bridge, host } = useSession();
  const toast = useToast();
  const i18n = useI18n();
  const { t } = i18n;
  const input = useRef<HTMLInputElement>(null);
  if (!upload) return null;

  const onClick = (): void => {
    if (host === 'web') {
      input.current?.click();
      return;
    }
    bridge.invoke('dialog:pick-files', {}).then(
      ({ paths }) => {
        if (paths.length > 0) upload({ files: [], entries: [], paths });
      },
      (error: unknown) =>
        toast({ level: 'error', title: t('dropError'), ...describeError(error, i18n.error) }),
    );
  };
  const onInput = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = Array.from(event.target.files ?? []);
    // Cleared, so choosing the same file again is a change too.
    event.target.value = '';
    if (files.length > 0) upload({ files, entries: [] });
  };

  return (
    <>
      <button
        type="button"
        className="button upload-files-button"
        title={refusal ?? t('uploadFilesHelp')}
        disabled={refusal !== null}
        onClick={onClick}
        data-testid="upload-files"
      >
        <span aria-hidden="true">⤒ </span>
        {t('uploadFiles')}
      </button>
      {host === 'web' && (
        <input
          ref={input}
          type="file"
          multiple
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={onInput}
          data-testid="upload-files-input"
        />
      )}
    </>
  );
}
