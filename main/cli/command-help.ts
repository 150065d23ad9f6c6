/** The CLI's help texts: the overview (`ferry help`) and one page per command (`ferry help sync`). */

/** Every page ends with where the config comes from; pages fit 80 columns. */
const CONFIG_NOTE = `--config defaults to $FERRY_CONFIG, then to the desktop app's config.yaml:
  Linux    \${XDG_CONFIG_HOME:-~/.config}/Ferry/config.yaml
  macOS    ~/Library/Application Support/Ferry/config.yaml
  Windows  %APPDATA%\\Ferry\\config.yaml`;

export const USAGE = `Usage: ferry COMMAND [options]     (ferry help COMMAND for one command)

  sync [--once] [--dry-run] [--json] [--confirm-deletes]
                  upload the configured folders: watch until Ctrl+C, or with
                  --once scan, upload, print a summary and exit
  status [--json] per folder: files synced, pending, failed and skipped
  serve [--port N] [--max-upload-bytes SIZE] [--max-staging-bytes SIZE]
        [--max-concurrent-uploads N]
                  the engine and the app's UI in a browser on 127.0.0.1
                  (default port 7421); prints the URL with its access token
  check           validate the config, get a token for every profile, check
                  every folder, show each token's expiry and policy
  secret set PROFILE_ID
                  store a profile's secret in the OS keychain (from stdin)
  secret delete PROFILE_ID
                  remove it
  help [COMMAND]  this text, or one command's
  --version       print Ferry's version

Every command but secret delete takes --config FILE (-c FILE).
${CONFIG_NOTE}
Secrets can also come from FERRY_SECRET_<PROFILE_ID> (upper-cased,
non-alphanumerics as "_").
Exit codes: 0 ok, 1 some files failed, 2 configuration or credential
problem, 64 usage error, 130 a --once run interrupted by Ctrl+C.
`;

const COMMANDS: Readonly<Record<string, string>> = {
  sync: `Usage: ferry sync [--config FILE] [--once] [--json] [--dry-run]
                  [--confirm-deletes]

Scans every configured folder and uploads what is new or changed, then
keeps watching until Ctrl+C (or SIGTERM). A full rescan runs hourly to catch
anything the watcher missed.

  --once             scan, upload, wait for the queue to drain, print a
                     summary and exit
  --dry-run          print what would be uploaded or deleted, and why;
                     change nothing
  --json             NDJSON on stdout instead of the live display: the
                     events, then one {"type":"summary"} object (also after
                     Ctrl+C); with --dry-run one {"type":"plan"} per folder
  --confirm-deletes  let a mirror-mode mass delete that was put on hold
                     proceed

On a terminal a live block, redrawn in place, shows bytes and files done,
the speed over the last 5 s, the ETA, elapsed time, failures, the token's
time left and the files in flight. Each failure is printed above it as it
happens, with its fix; the summary then says "N failed (listed above)".
Without a terminal the summary lists each failure with its fix.
Ctrl+C prints a summary once (what was transferred, skipped and failed)
and exits: 130 for --once (the next run continues where this one
stopped), 0 when watching. A second Ctrl+C exits at once.

${CONFIG_NOTE}
Exit codes: 0 all synced; 1 some files failed, conflicted, or deletes are
on hold; 2 config or credential problem (nothing uploaded); 130 --once
interrupted.
`,
  status: `Usage: ferry status [--config FILE] [--json]

Per folder: files synced, pending (what a sync would do now), failed and
skipped, and each path not synced with its reason. Uploads nothing, needs
no network. First line: the state (error when a folder cannot be used or
files failed; a running engine's live state is in its UI). A folder whose
path is missing, not a folder or unreadable is named with the fix.

${CONFIG_NOTE}
Exit codes: 0 nothing left behind (pending files are not failures: the
next sync uploads them); 1 files failed (recorded by a sync, or a path the
scan cannot read); 2 config problem, or a folder path that cannot be used.
`,
  serve: `Usage: ferry serve [--config FILE] [--port N] [--max-upload-bytes SIZE]
                   [--max-staging-bytes SIZE] [--max-concurrent-uploads N]

Runs the engine and the app's UI in a browser on 127.0.0.1 (default port
7421) and prints the URL with its access token; runs until Ctrl+C. Without
a config file yet, the page offers the first-run setup and writes it.
Files dropped in the browser are capped: SIZE like 5GiB or 512MiB
(defaults 5GiB per file, 20GiB waiting, 4 uploads at once).

${CONFIG_NOTE}
Exit codes: 0 stopped; 2 config or credential problem.
`,
  check: `Usage: ferry check [--config FILE]

Validates the config, obtains a token for every profile, checks every
folder (the path exists, the bucket exists, the token may write under the
prefix) and prints each token's expiry and the session policy in use.

${CONFIG_NOTE}
Exit codes: 0 all good; 2 config or credential problem.
`,
  secret: `Usage: ferry secret set PROFILE_ID [--config FILE]
       ferry secret delete PROFILE_ID

set reads the profile's secret (sub-account secret key, or the vendor
bearer token) from stdin and stores it in the OS keychain, bound to the
profile's source, key id and endpoint: changing any of them in the config
needs the secret again. delete removes it.
FERRY_SECRET_<PROFILE_ID> (upper-cased, non-alphanumerics as "_") may hold
the secret instead; it wins over the keychain.

${CONFIG_NOTE}
Exit codes: 0 ok; 2 config problem or no keychain.
`,
};

/** The help page for `command`, or null for a command Ferry does not have. */
export function commandHelp(command: string): string | null {
  return COMMANDS[command] ?? null;
}

export const HELP_COMMANDS = Object.keys(COMMANDS);
