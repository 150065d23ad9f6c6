import { inject } from 'vitest';

/** What test/services/rgw-up.sh provisions (its rgw.json). */
export interface RgwInfo {
  readonly dir: string;
  readonly endpoint: string;
  readonly region: string;
  readonly admin: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly user: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly bucket: string;
  readonly otherBucket: string;
  readonly roleArn: string;
  readonly stsMinSeconds: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rgw: RgwInfo;
  }
}

export function rgw(): RgwInfo {
  return inject('rgw');
}
