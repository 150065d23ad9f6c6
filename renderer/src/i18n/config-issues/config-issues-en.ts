import type { ConfigIssueTexts } from './config-issue-texts.js';

/** English texts of the config problems (app/config/config-issue.ts), beside their field. */
export const configIssuesEn: ConfigIssueTexts = {
  'unknown-keys': 'unknown key(s): {keys}',
  required: 'required',
  'wrong-type': 'must be of type {expected}',
  'too-small': 'must be at least {minimum}',
  'too-big': 'must be at most {maximum}',
  'not-one-of': 'must be one of: {values}',
  'bad-id': 'must be 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit',
  'bad-url': 'must be an http:// or https:// URL',
  'bad-role-arn':
    'must look like arn:aws:iam::123456789012:role/Name (Ceph, CTyun: arn:aws:iam:::role/Name)',
  'bad-format': 'is not in the expected format',
  'not-a-size': '"{value}" is not a size; write e.g. 8MiB, 512KiB or a number of bytes',
  'size-out-of-range': 'must be between {minimum} and {maximum} bytes',
  'insecure-http':
    'plain http:// to another machine would send tokens unencrypted; use https://, or allow http on this profile',
  'prefix-required':
    'required: the key prefix inside the bucket, e.g. "backup/laptop/"; leave it empty to sync into the whole bucket',
  'prefix-whole-bucket':
    '"{value}" would be the whole bucket; leave it empty if you mean the whole bucket, or name a folder such as "backup/"',
  'duplicate-profile': 'duplicate profile id "{id}"',
  'duplicate-folder': 'duplicate folder id "{id}"',
  'secret-variable-shared':
    'profiles "{other}" and "{id}" would share the secret variable {variable}; rename one of them',
  'unknown-profile': 'no profile with id "{profile}" (profiles: {profiles})',
  'oss-needs-aliyun-sts':
    'OSS needs Alibaba STS tokens: use source aliyun-sts (or a vendor backend)',
  'aliyun-sts-needs-oss':
    'aliyun-sts tokens only work with OSS: choose the provider aliyun-oss, or use assume-role (provider {provider} takes {sources})',
  'endpoint-required': 'required for provider {provider}, e.g. {example}',
  'duration-above-provider-max':
    '{value} is above {maximum}, the most {provider} STS allows for any role',
  'min-above-max': 'must not exceed maxDurationSeconds',
  'duration-out-of-range':
    '{value} is outside {minimum}–{maximum} (set the minimum and maximum if your provider allows other limits)',
  other: '{detail}',
};
