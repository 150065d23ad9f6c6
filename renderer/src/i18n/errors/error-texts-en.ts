import type { ErrorTexts } from './error-text.js';

/**
 * English texts by error code: the reference for the other languages (same placeholders). The
 * English UI shows the engine's own message and hint, which say more (the field, the path);
 * these are what the other languages translate.
 */
export const errorTextsEn: ErrorTexts = {
  'config-invalid': {
    message: 'The configuration cannot be used.',
    hint: 'Fix the configuration (the English details below say what and where), then save it.',
  },
  'secret-missing': {
    message: 'No usable secret is stored for profile "{profile}".',
    hint: 'Enter the secret for "{profile}" again under Credentials (or `ferry secret set {profile}`).',
  },
  'keychain-unavailable': {
    message: 'The OS keychain cannot be used.',
    hint: 'On Linux, Ferry needs a Secret Service (gnome-keyring or KWallet) in an unlocked session; without one, give the secret as {variable} in the environment.',
  },
  'sts-invalid-request': {
    message: 'STS rejected the token request of profile "{profile}" (HTTP {status} {stsCode}).',
    hint: 'Check durationSeconds ({durationSeconds}), the session name and any custom policy against what the provider allows.',
  },
  'sts-denied': {
    message:
      'STS refused access key {accessKeyId} of profile "{profile}" (HTTP {status} {stsCode}).',
    hint: 'Store the right secret for "{profile}", check the access key, and check that the role trusts this user.',
  },
  'sts-role-not-found': {
    message: 'STS has no role {roleArn} (HTTP {status} {stsCode}).',
    hint: 'Check credentials.roleArn against the role shown in the provider console.',
  },
  'sts-unreachable': {
    message: 'Cannot reach STS at {endpoint} for profile "{profile}" ({detail}).',
    hint: 'Check the network, the proxy settings and credentials.stsEndpoint.',
  },
  'sts-server-error': {
    message: 'STS at {endpoint} failed or asks to slow down (HTTP {status} {stsCode}).',
    hint: 'Ferry waits and tries again; nothing to fix unless it persists.',
  },
  'sts-bad-response': {
    message: 'STS answered with something Ferry cannot use.',
    hint: 'Check credentials.stsEndpoint: it may point to something other than an STS service.',
  },
  'vendor-unauthorized': {
    message: 'The token backend refused the stored device token.',
    hint: 'Enter the device token again under Credentials.',
  },
  'vendor-http-error': {
    message: 'The token backend answered with an error.',
    hint: 'Ferry tries again later; if it persists, ask the backend’s administrator.',
  },
  'vendor-unreachable': {
    message: 'Cannot reach the token backend.',
    hint: 'Check the network, the proxy settings and the profile’s URL.',
  },
  'vendor-bad-response': {
    message: 'The token backend answered with something Ferry cannot use.',
    hint: 'Check the profile’s URL: it must return temporary credentials as JSON.',
  },
  'vendor-expired-credentials': {
    message: 'The token backend sent credentials that have already expired.',
    hint: 'Check this computer’s clock, or ask for longer-lived tokens.',
  },
  'credentials-unavailable': {
    message: 'No valid token can be obtained right now.',
    hint: 'Open Credentials: it says why and when Ferry tries again.',
  },
  'policy-invalid': {
    message: 'The session policy for this folder cannot be built or was refused.',
    hint: 'Check the folder’s bucket and prefix and any custom policy of the profile.',
  },
  'auth-failed': {
    message: 'The store did not accept the credentials.',
    hint: 'Refresh the credentials; if it persists, check the profile’s endpoint and keys.',
  },
  'access-denied': {
    message: '{action}: denied by the store ({storeCode}), even with fresh credentials.',
    hint: 'The role’s policy or the session policy does not allow this action on this key.',
  },
  'not-found': {
    message: '{action}: the store has no such object or upload (HTTP {status} {storeCode}).',
    hint: 'It was removed meanwhile; Ferry starts the upload again if needed.',
  },
  'bad-digest': {
    message: '{action}: the store received bytes that do not match their MD5 ({storeCode}).',
    hint: 'The data was damaged on the way; it is sent again.',
  },
  'file-changed': {
    message: 'The file changed while Ferry was reading or uploading it.',
    hint: 'Ferry uploads it again once it holds still; a dropped file must be dropped again.',
  },
  'file-vanished': {
    message: 'Cannot read {path}: it no longer exists.',
    hint: 'It was moved or deleted meanwhile; the next scan sees the change.',
  },
  'file-unreadable': {
    message: 'Cannot read {path}.',
    hint: 'Give the user running Ferry read access, check the disk, or ignore it in .ferryignore.',
  },
  'outside-folder': {
    message: 'The path is outside the synced folder.',
    hint: 'Only files inside the folder are uploaded; links leading out of it are not followed.',
  },
  'invalid-name': {
    message: 'The name {path} cannot be used as an object key.',
    hint: 'Rename the file (the English details below say which character or part is the problem).',
  },
  conflict: {
    message:
      'The remote object changed since Ferry last saw it; nothing was overwritten or deleted.',
    hint: 'Compare the two versions, then sync again.',
  },
  'watcher-failed': {
    message: 'Ferry cannot watch this folder for changes.',
    hint: 'Check that the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches.',
  },
  'journal-failed': {
    message: 'Ferry’s journal (its record of what was uploaded) cannot be used.',
    hint: 'Check the disk space and permissions of Ferry’s state directory.',
  },
  network: {
    message: '{action}: cannot reach the store ({detail}).',
    hint: 'Ferry tries again; check the network, the proxy and the profile’s endpoint if it persists.',
  },
  'clock-skewed': {
    message:
      '{action}: this computer’s clock is {seconds} s off, so the server refuses signed requests.',
    hint: 'Set the clock automatically (NTP / Internet time); new credentials would not help.',
  },
  throttled: {
    message: '{action}: the store asks to slow down (HTTP {status} {storeCode}).',
    hint: 'Ferry waits and tries again; nothing to fix unless it persists.',
  },
  'bucket-invalid': {
    message: '{action}: the store refuses the bucket name ({storeCode}).',
    hint: 'Check the folder’s bucket against the provider’s naming rules (and the profile’s provider).',
  },
  'bucket-missing': {
    message: '{action}: the bucket does not exist ({storeCode}).',
    hint: 'Check the folder’s bucket name, and the profile’s endpoint and region.',
  },
  'key-invalid': {
    message: '{action}: the store refuses the object name ({storeCode}).',
    hint: 'Check the folder’s prefix and the provider’s rules for object names.',
  },
  'server-error': {
    message: '{action}: the store failed or refused the request (HTTP {status} {storeCode}).',
    hint: 'Ferry tries again when that can help; if it persists, check the store’s status.',
  },
  'bad-request': {
    message: 'The request was not valid.',
    hint: 'Check what was entered; the English details below say what is wrong.',
  },
  unsupported: {
    message: 'This is not supported.',
    hint: 'The English details below say what is not supported and what to use instead.',
  },
  internal: {
    message: 'Something went wrong inside Ferry.',
    hint: 'This is a bug: please report it with the English details below and the log.',
  },
  'folder-paused': {
    message: 'The folder "{folder}" is paused, so it takes no uploads.',
    hint: 'Resume the folder, then drop the files again.',
  },
  'folder-blocked': {
    message: 'The folder "{folder}" did not pass its check, so it takes no uploads.',
    hint: 'Fix the problem shown on its card, press Sync now, then upload the files again.',
  },
  'upload-too-large': {
    message: '{name} is {size} bytes; ferry serve accepts at most {limit} bytes per file.',
    hint: 'Copy large files into the synced folder instead, or raise --max-upload-bytes.',
  },
  'upload-busy': {
    message: 'Already receiving {active} files; {name} was not accepted.',
    hint: 'Send it again when the others have arrived.',
  },
  'staging-full': {
    message:
      '{name} does not fit: {staged} bytes are waiting to be uploaded, and ferry serve stages at most {limit}.',
    hint: 'Send it again once the files before it are uploaded, or raise --max-staging-bytes.',
  },
  'upload-incomplete': {
    message: 'The upload of {name} was incomplete ({received} of {expected} bytes).',
    hint: 'The page was closed or the connection dropped: send the file again.',
  },
};
