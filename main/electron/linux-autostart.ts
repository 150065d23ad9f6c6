import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Start at login on Linux, where Electron's login-item API does nothing: an XDG autostart entry
 * (`~/.config/autostart/ferry.desktop`, freedesktop.org Desktop Application Autostart spec),
 * honoured by GNOME, KDE, Xfce and most others. Synchronous, because the engine's settings hook
 * is. An AppImage must be started through $APPIMAGE (its mount point changes on every run).
 */
export class LinuxAutostart {
  private readonly file: string;

  constructor(
    configHome: string,
    /** The command line that starts Ferry, program first. */
    private readonly command: readonly string[],
  ) {
    this.file = join(configHome, 'autostart', 'ferry.desktop');
  }

  isEnabled(): boolean {
    if (!existsSync(this.file)) return false;
    // A user (or a settings tool) may have switched the entry off rather than removed it.
    const entry = readFileSync(this.file, 'utf8');
    return (
      !/^Hidden\s*=\s*true\s*$/m.test(entry) &&
      !/^X-GNOME-Autostart-enabled\s*=\s*false\s*$/m.test(entry)
    );
  }

  setEnabled(enabled: boolean): void {
    if (!enabled) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(this.file, desktopEntry(this.command));
  }
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ferry',
    'Comment=Sync folders to object storage',
    `Exec=${command.map(quoteExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quoting of the Exec key (Desktop Entry spec, "The Exec key"): an argument with a reserved
 * character goes in double quotes with `"`, `` ` ``, `$` and `\` backslash-escaped; a literal `%`
 * is `%%` (field codes). The string-value escaping of the file applies on top, so every
 * backslash is then doubled again.
 */
export function quoteExecArgument(argument: string): string {
  const percent = argument.replaceAll('%', '%%');
  if (!/[\s"'\\><~|&;$*?#()`]/.test(percent)) return percent;
  const quoted = `"${percent.replace(/["`$\\]/g, (char) => `\\${char}`)}"`;
  return quoted.replaceAll('\\', '\\\\');
}

/** The command that starts this Ferry at login. */
export function autostartCommand(options: {
  readonly execPath: string;
  readonly appImage: string | undefined;
  readonly isPackaged: boolean;
  readonly appPath: string;
  readonly hiddenFlag: string;
}): string[] {
  if (options.appImage) return [options.appImage, options.hiddenFlag];
  // Unpackaged (`electron .`): the Electron binary needs the app folder.
  return options.isPackaged
    ? [options.execPath, options.hiddenFlag]
    : [options.execPath, options.appPath, options.hiddenFlag];
}
