import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultInjector } from './fault-injection.js';
import type { Handler } from './handler-context.js';
import { listObjects, listObjectsV2 } from './list-handlers.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  initiateMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart-handlers.js';
import type { DiskObjectStore } from './object-store-disk.js';
import {
  deleteObject,
  getObject,
  getObjectMeta,
  headObject,
  putObject,
} from './object-handlers.js';
import { authenticate, type AuthenticatorConfig, type Principal } from './oss-authenticator.js';
import { OssError, errorXml, messages } from './oss-errors.js';
import { allowedByAll } from './ram-policy.js';
import type { RecordedRequest } from './request-log.js';
import {
  RAM_ACTION,
  identifyAction,
  parseTarget,
  ramResource,
  type OssAction,
  type OssTarget,
} from './request-target.js';
import { randomText } from './token-registry.js';

/**
 * OSS bucket naming rules ("Bucket naming conventions"; the same list is in the 0002-00000430
 * troubleshooting page): 3–63 characters, lower-case letters, digits and "-", starting and
 * ending with a letter or digit. No dots, unlike S3.
 */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(name);
}

/**
 * The OSS side of the test server: one request goes through routing (bucket, key, operation),
 * fault injection, the bucket check, V1 authentication, RAM authorisation (role policy ∩ session
 * policy) and finally the operation's handler; any OssError becomes OSS's error XML.
 */

export interface OssEndpointConfig {
  readonly bucket: string;
  readonly region: string;
  readonly accountId: string;
  readonly minPartSize: number;
  /** Custom domain (lower-case host name, no port) → bucket. */
  readonly customDomains: ReadonlyMap<string, string>;
  readonly store: DiskObjectStore;
  readonly faults: FaultInjector;
  readonly auth: AuthenticatorConfig;
  readonly record: (entry: RecordedRequest) => void;
}

const HANDLERS: Readonly<Record<OssAction, Handler>> = {
  AbortMultipartUpload: abortMultipartUpload,
  CompleteMultipartUpload: completeMultipartUpload,
  DeleteObject: deleteObject,
  GetObject: getObject,
  GetObjectMeta: getObjectMeta,
  HeadObject: headObject,
  InitiateMultipartUpload: initiateMultipartUpload,
  ListMultipartUploads: listMultipartUploads,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListParts: listParts,
  PutObject: putObject,
  UploadPart: uploadPart,
};

const BUCKET_LEVEL: ReadonlySet<OssAction> = new Set([
  'ListObjects',
  'ListObjectsV2',
  'ListMultipartUploads',
]);

/** Consumes whatever is left of a request body so the connection stays usable. */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  req.resume();
  await once(req, 'end').catch(() => undefined);
}

/** OSS's error answer; a HEAD answer has no body, so its error XML travels in x-oss-err. */
function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  error: OssError,
  requestId: string,
  hostId: string,
): void {
  const xml = errorXml(error, requestId, hostId);
  // "Error responses" (help.aliyun.com/en/oss/user-guide/overview-14): the fine-grained EC also
  // travels in the x-oss-ec response header.
  const ec = error.fields['EC'];
  if (ec !== undefined) res.setHeader('x-oss-ec', ec);
  if (req.method === 'HEAD') {
    // A HEAD answer has no body, so the error document travels base64-encoded in x-oss-err
    // (ali-oss reads it from there; without it HEAD failures carry no code).
    res.writeHead(error.status, {
      'Content-Type': 'application/xml',
      'x-oss-err': Buffer.from(xml, 'utf8').toString('base64'),
    });
    res.end();
    return;
  }
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(error.status, {
    'Content-Type': 'application/xml',
    'Content-Length': body.length,
  });
  res.end(body);
}

export function createOssHandler(config: OssEndpointConfig) {
  const { bucket, region, accountId, minPartSize, store, faults } = config;

  function authorize(principal: Principal, action: OssAction, target: OssTarget): void {
    const resource = ramResource(
      region,
      accountId,
      bucket,
      BUCKET_LEVEL.has(action) ? undefined : target.key,
    );
    const context: Record<string, string> = {};
    if (BUCKET_LEVEL.has(action)) {
      context['oss:Prefix'] = target.params.get('prefix') ?? '';
      context['oss:Delimiter'] = target.params.get('delimiter') ?? '';
    }
    if (!allowedByAll(principal.policies, { action: RAM_ACTION[action], resource, context })) {
      // AuthAction/Resource are extras of this server, to make a denial easy to understand.
      throw new OssError('AccessDenied', messages.policyDenied, {
        fields: { AuthAction: RAM_ACTION[action], Resource: resource },
      });
    }
  }

  async function handleOss(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomText(24).toUpperCase();
    res.setHeader('x-oss-request-id', requestId);
    res.setHeader('Server', 'AliyunOSS');
    res.setHeader('Date', new Date().toUTCString());
    const method = req.method ?? 'GET';
    let action = 'Unknown';
    let target: OssTarget | undefined;
    let code: string | undefined;
    let accessKeyId: string | undefined;
    const authorization = req.headers.authorization ?? '';
    const signature = authorization.startsWith('OSS4-HMAC-SHA256 ')
      ? ('v4' as const)
      : authorization.startsWith('OSS ')
        ? ('v1' as const)
        : undefined;
    let recorded = false;
    const record = (status: number) => {
      if (recorded) return;
      recorded = true;
      config.record({
        service: 'oss',
        action,
        method,
        key: target?.key,
        status,
        code,
        accessKeyId,
        requestId,
        signature,
      });
    };
    // Recorded when the status line is written, not on 'close' (or even at end(), which a
    // streamed body reaches after the client already has every byte): a test that reads
    // `requests` right after its call returns must find the entry. Node routes implicit
    // headers through writeHead too.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
    res.writeHead = (...args: unknown[]) => {
      record(typeof args[0] === 'number' ? args[0] : res.statusCode);
      return writeHead(...args);
    };
    res.on('close', () => record(res.headersSent ? res.statusCode : 0));
    try {
      target = parseTarget(req.url ?? '/', req.headers.host, config.customDomains);
      const operation = identifyAction(method, target);
      if (target.bucket === undefined) {
        throw new OssError(
          'NotImplemented',
          'ListBuckets is not implemented by the OSS test server.',
        );
      }
      if (operation === undefined) {
        throw new OssError(
          'NotImplemented',
          `${method} ${target.key === undefined ? 'on the bucket' : 'on an object'} with ` +
            `query "${[...target.params.keys()].join('&')}" is not implemented by the OSS test server.`,
        );
      }
      action = operation;
      const plan = faults.take(operation, target.key);
      if (plan.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
      if (plan.drop) {
        code = 'ConnectionDropped';
        record(0);
        req.socket.destroy();
        return;
      }
      if (plan.failure) {
        throw new OssError(plan.failure.code, plan.failure.message, {
          status: plan.failure.status,
          ...(plan.failure.fields ? { fields: plan.failure.fields } : {}),
        });
      }
      if (!isValidBucketName(target.bucket)) {
        throw new OssError('InvalidBucketName', messages.invalidBucketName, {
          fields: { BucketName: target.bucket },
        });
      }
      if (target.bucket !== bucket) {
        throw new OssError('NoSuchBucket', messages.noSuchBucket, {
          fields: { BucketName: target.bucket },
        });
      }
      const principal = authenticate(
        {
          method,
          headers: req.headersDistinct,
          bucket: target.bucket,
          key: target.key,
          query: target.query,
        },
        config.auth,
      );
      accessKeyId = principal.accessKeyId;
      authorize(principal, operation, target);
      await HANDLERS[operation]({
        req,
        res,
        target: { ...target, bucket },
        store,
        minPartSize,
        ownerId: accountId,
        bucketUrl:
          target.style === 'path' ? `http://${target.host}/${bucket}` : `http://${target.host}`,
      });
    } catch (caught) {
      const error =
        caught instanceof OssError
          ? caught
          : new OssError('InternalError', `The OSS test server failed: ${String(caught)}`);
      code = error.code;
      if (res.headersSent) {
        // Failed while streaming an answer: all that is left is to cut the connection.
        res.destroy();
        return;
      }
      await drain(req);
      sendError(req, res, error, requestId, target?.host ?? '');
    }
  }

  return handleOss;
}
