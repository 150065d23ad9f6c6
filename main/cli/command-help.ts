/** The CLI's help texts: the overview (`ferry help`) and one page per command (`ferry help sync`). */

const CONFIG_NOTE = `--config FILE defaults to $FERRY_CONFIG, then to the desktop app's config.yaml:
  Linux    \${XDG_CONFIG_HOME:-~/.config}/Ferry/config.yaml
  macOS    ~/Library/Application Support/Ferry/config.yaml
  Windows  %APPDATA%\\Ferry\\config.yaml`;

export const USAGE = `Usage:
  ferry sync [--config FILE] [--once] [--json] [--dry-run] [--confirm-deletes]
                                     sync the configured folders: watch and upload until
                                     stopped, or with --once scan, upload and exit
  ferry status [--config FILE] [--json]
                                     per folder: files synced, pending and failed
  ferry serve [--config FILE] [--port N] [--max-upload-bytes SIZE] [--max-staging-bytes SIZE]
              [--max-concurrent-uploads N]
                                     the engine plus the app's UI in a browser: serves on
                                     127.0.0.1 (default port 7421) and prints the URL with
                                     its access token; files dropped in the browser are capped
                                     (defaults 5GiB each, 20GiB waiting, 4 at once)
  ferry check [--config FILE]        validate the config, get a token for every profile, show
                                     each token's expiry and the session policy in use
  ferry secret set PROFILE_ID [--config FILE]
                                     store a profile's secret in the OS keychain (from stdin),
                                     bound to the profile's source, key id and endpoint: a
                                     config change of any of them needs the secret again
  ferry secret delete PROFILE_ID     remove it
  ferry help [COMMAND]               this text, or one command's
  ferry --version                    print Ferry's version

${CONFIG_NOTE}
Secrets can also come from FERRY_SECRET_<PROFILE_ID> (upper-cased, non-alphanumerics as "_").
Exit codes: 0 ok, 1 some files failed, 2 configuration or credential problem, 64 usage error,
130 a --once run interrupted with Ctrl+C.
`;

const COMMANDS: Readonly<Record<string, string>> = {
  sync: `Usage: ferry sync [--config FILE] [--once] [--json] [--dry-run] [--confirm-deletes]

Scans every configured folder and uploads what is new or changed; then keeps watching until
Ctrl+C (or SIGTERM). A full rescan runs hourly to catch anything the watcher missed.

  --once             scan, upload, wait for the queue to drain, print a summary and exit
  --dry-run          print what would be uploaded or deleted, and why; change nothing
  --json             NDJSON events on stdout instead of the live progress display
  --confirm-deletes  let a mirror-mode mass delete that was put on hold proceed

On a terminal a live block shows bytes and files done, the speed over the last 5 s, the ETA,
elapsed time, failures, the token's time left and the files in flight; it is redrawn in place.
Ctrl+C prints a summary once (what was transferred, skipped and failed, with reasons) and exits:
130 for --once (the next run continues where this one stopped), 0 when watching. A second
Ctrl+C exits at once.

${CONFIG_NOTE}
Exit codes: 0 all synced; 1 some files failed, conflicted, or deletes are on hold; 2 config or
credential problem (nothing uploaded); 130 --once interrupted.
`,
  status: `Usage: ferry status [--config FILE] [--json]

Per folder: files synced, pending (what a sync would do now), failed and skipped, and each path
not synced with its reason. Reads the journal and the folders; uploads nothing.

${CONFIG_NOTE}
Exit codes: 0 ok; 2 config problem.
`,
  serve: `Usage: ferry serve [--config FILE] [--port N] [--max-upload-bytes SIZE]
                   [--max-staging-bytes SIZE] [--max-concurrent-uploads N]

Runs the engine plus the app's UI in a browser on 127.0.0.1 (default port 7421) and prints the
URL with its access token. Runs until Ctrl+C. Files dropped in the browser are capped: SIZE
like 5GiB or 512MiB (defaults 5GiB per file, 20GiB waiting, 4 uploads at once).

${CONFIG_NOTE}
Exit codes: 0 stopped; 2 config or credential problem.
`,
  check: `Usage: ferry check [--config FILE]

Validates the config, obtains a token for every profile, checks every folder (the path exists,
the bucket exists and the token may write under the prefix), and prints each token's expiry
and the session policy in use.

${CONFIG_NOTE}
Exit codes: 0 all good; 2 config or credential problem.
`,
  secret: `Usage: ferry secret set PROFILE_ID [--config FILE]
       ferry secret delete PROFILE_ID

set reads the profile's secret (sub-account secret key, or the vendor bearer token) from stdin
and stores it in the OS keychain, bound to the profile's source, key id and endpoint: changing
any of them in the config needs the secret again. delete removes it.
Instead of the keychain, FERRY_SECRET_<PROFILE_ID> (upper-cased, non-alphanumerics as "_") may
hold the secret; it wins over the keychain.

${CONFIG_NOTE}
Exit codes: 0 ok; 2 config problem or no keychain.
`,
};

/** The help page for `command`, or null for a command Ferry does not have. */
export function commandHelp(command: string): string | null {
  return COMMANDS[command] ?? null;
}

export const HELP_COMMANDS = Object.keys(COMMANDS);
