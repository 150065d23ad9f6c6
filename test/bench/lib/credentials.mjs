// @ts-check
// The one set of STS temporary credentials every peer uses: AssumeRole as alice (the same
// sub-account Ferry uses) with a session policy that allows only the bench prefix. Ferry gets
// its own token through its normal assume-role flow; that STS call is inside Ferry's time.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * @typedef {object} TempCredentials
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {string} sessionToken
 * @property {Date} expiration
 */

/**
 * @param {import('./rgw.mjs').RgwInfo} info
 * @param {string} prefixRoot  e.g. "bench/"; every measurement's prefix is below it
 * @param {number} durationSeconds  Ceph caps it at the role's max session (3600 by default)
 * @returns {Promise<TempCredentials>}
 */
export async function assumeBenchRole(info, prefixRoot, durationSeconds) {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:*'],
        Resource: [`arn:aws:s3:::${info.bucket}/${prefixRoot}*`],
      },
      {
        // rclone and `aws s3 sync` list the destination to decide what to send.
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
        Resource: [`arn:aws:s3:::${info.bucket}`],
        Condition: { StringLike: { 's3:prefix': [`${prefixRoot}*`] } },
      },
    ],
  };
  const sts = new STSClient({
    region: info.region,
    endpoint: info.endpoint,
    credentials: info.user,
  });
  try {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: info.roleArn,
        RoleSessionName: 'ferry-bench',
        DurationSeconds: durationSeconds,
        Policy: JSON.stringify(policy),
      }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error('AssumeRole answered without credentials');
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration: c.Expiration,
    };
  } finally {
    sts.destroy();
  }
}
