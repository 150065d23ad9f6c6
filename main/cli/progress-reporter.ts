import type { EngineEvent } from '../../app/engine/engine-events.js';
import type { SyncEngine } from '../../app/engine/sync-engine.js';
import type { ProfileBinding } from '../../app/engine/sync-engine.js';
import { formatRemaining } from './format-duration.js';

/** `--json`: one JSON object per engine event on stdout (transfers only when their state changes). */
export function reportJson(engine: SyncEngine, write: (line: string) => void): () => void {
  const lastState = new Map<number, string>();
  return engine.onEvent((event) => {
    if (event.type === 'transfer') {
      const t = event.transfer;
      // Only state changes: byte progress would be too chatty for NDJSON.
      if (lastState.get(t.id) === t.state) return;
      lastState.set(t.id, t.state);
    }
    write(`${JSON.stringify({ time: new Date().toISOString(), ...serialise(event) })}\n`);
  });
}

function serialise(event: EngineEvent): Record<string, unknown> {
  return event.type === 'transfer' ? { type: 'transfer', ...event.transfer } : { ...event };
}

/**
 * On a terminal: one status line redrawn four times a second — files, bytes, speed, ETA and the
 * token expiry — plus a line for every failure as it happens.
 */
export function reportOnTerminal(
  engine: SyncEngine,
  profiles: ReadonlyMap<string, ProfileBinding>,
  stream: NodeJS.WriteStream,
): () => void {
  const started = Date.now();
  let filesDone = 0;
  let bytesDone = 0;
  let bytesTotal = 0;
  const seen = new Set<number>();
  const unsubscribe = engine.onEvent((event) => {
    if (event.type === 'transfer') {
      const t = event.transfer;
      if (!seen.has(t.id) && t.kind === 'upload') {
        seen.add(t.id);
        bytesTotal += t.size;
      }
      if (t.state === 'done' && t.kind === 'upload') {
        filesDone += 1;
        bytesDone += t.size;
      }
      if (t.state === 'skipped' && t.kind === 'upload') bytesTotal -= t.size;
      if (t.state === 'failed') {
        clearAndWrite(
          stream,
          `✗ ${t.folderId}/${t.relativePath}: ${t.error?.message ?? 'failed'}\n`,
        );
      }
    } else if (
      event.type === 'folder-paused' ||
      event.type === 'watcher-error' ||
      event.type === 'folder-error'
    ) {
      clearAndWrite(
        stream,
        `! ${event.folderId}: ${'reason' in event ? event.reason : event.message}\n`,
      );
    } else if (event.type === 'scan-error') {
      clearAndWrite(stream, `✗ ${event.folderId}/${event.relativePath}: ${event.message}\n`);
    } else if (event.type === 'path-skipped' && event.code !== 'default-rule') {
      // Default-rule exclusions go to the log and the summary's count, not one line each.
      clearAndWrite(stream, `- ${event.folderId}/${event.relativePath}: ${event.reason}\n`);
    } else if (event.type === 'conflict') {
      clearAndWrite(
        stream,
        `! conflict ${event.folderId}/${event.relativePath}: ${event.reason}\n`,
      );
    }
  });
  const timer = setInterval(() => {
    const inFlight = engine.queue
      .list()
      .filter((t) => t.state === 'uploading')
      .reduce((sum, t) => sum + t.bytesDone, 0);
    const sent = bytesDone + inFlight;
    const seconds = (Date.now() - started) / 1000;
    const speed = seconds > 0 ? sent / seconds : 0;
    const remaining = Math.max(0, bytesTotal - sent);
    // The first second's speed is noise: no ETA until there is a rate to trust.
    const eta =
      seconds >= 2 && speed > 0 && remaining > 0
        ? ` · ETA ${formatRemaining((remaining / speed) * 1000).replace('in ', '')}`
        : '';
    const expiries = [...profiles.values()]
      .map((p) => p.broker.status().expiresAt)
      .filter((e): e is number => e !== null);
    const token =
      expiries.length > 0
        ? ` · token expires ${formatRemaining(Math.min(...expiries) - Date.now())}`
        : '';
    const waiting = engine.queue.list().some((t) => t.state === 'waiting-for-credentials')
      ? ' · waiting for credentials'
      : '';
    stream.write(
      `\r\x1b[2K↑ ${filesDone}/${seen.size} files · ${formatBytes(sent)}/${formatBytes(bytesTotal)} · ${formatBytes(speed)}/s${eta}${token}${waiting}`,
    );
  }, 250);
  timer.unref();
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    unsubscribe();
    stream.write('\r\x1b[2K');
  };
}

function clearAndWrite(stream: NodeJS.WriteStream, text: string): void {
  stream.write(`\r\x1b[2K${text}`);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
