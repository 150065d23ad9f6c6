/**
 * Which bucket names a provider accepts. Checked when the config is read, so a name the cloud
 * refuses is a config error naming the rule, not "cannot reach the store" retried forever.
 * - `oss`: Alibaba OSS "Bucket naming conventions" (updated 2026-03-20): 3–63 characters,
 *   lowercase letters, digits and "-" only, starting and ending with a letter or digit (no dots;
 *   ali-oss `checkBucketName` agrees).
 * - `s3`: the S3 core every compatible store enforces (docs.ceph.com PUT Bucket constraints;
 *   min.io "Thresholds and Limits"): 3–63 of lowercase letters, digits, "." and "-", starting and
 *   ending with a letter or digit, no "..", not an IP address.
 * - `aws`: the S3 core plus AWS's reserved prefixes and suffixes (AWS S3 User Guide, "General
 *   purpose bucket naming rules", read 2026-11-30).
 */
export type BucketNameRules = 'oss' | 's3' | 'aws';

const AWS_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const AWS_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** The rule in words, for messages and the README. */
export function describeBucketRules(rules: BucketNameRules): string {
  return rules === 'oss'
    ? '3–63 lower-case letters, digits or "-", starting and ending with a letter or digit (no dots)'
    : '3–63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit, without ".." and not an IP address';
}

/** Why `name` breaks the rules, or undefined when it is fine. */
export function bucketNameProblem(name: string, rules: BucketNameRules): string | undefined {
  if (name.length < 3 || name.length > 63) {
    return `"${name}" has ${name.length} characters; it must have 3–63`;
  }
  const allowed = rules === 'oss' ? /^[a-z0-9-]+$/ : /^[a-z0-9.-]+$/;
  if (!allowed.test(name)) {
    const bad = [...name].find((c) => !allowed.test(c)) ?? '';
    const hint =
      bad === '.'
        ? ' (OSS bucket names cannot contain dots)'
        : /[A-Z]/.test(bad)
          ? ' (use lower case)'
          : '';
    return `"${name}" contains "${bad}"${hint}`;
  }
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return `"${name}" must start and end with a letter or digit`;
  }
  if (rules === 'oss') return undefined;
  if (name.includes('..')) return `"${name}" contains ".."`;
  if (IP_ADDRESS.test(name)) return `"${name}" is formatted as an IP address`;
  if (rules === 'aws') {
    const prefix = AWS_RESERVED_PREFIXES.find((p) => name.startsWith(p));
    if (prefix) return `"${name}" starts with "${prefix}", which AWS reserves`;
    const suffix = AWS_RESERVED_SUFFIXES.find((s) => name.endsWith(s));
    if (suffix) return `"${name}" ends with "${suffix}", which AWS reserves`;
  }
  return undefined;
}
