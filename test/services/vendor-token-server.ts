import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

/**
 * A company token-vending backend for tests: it checks the device's bearer token, asks a real
 * STS (Ceph RGW) for temporary credentials with the session policy Ferry sent, and answers in
 * the shape the path selects — or misbehaves on purpose:
 *   /aws, /alibaba      good answers in either shape
 *   /garbage            200 with an HTML page
 *   /partial            200 with a JSON object missing SessionToken
 *   /expired            200 with credentials whose Expiration is in the past
 *   /slow               answers after `slowMs`
 *   /fail               HTTP 503
 *   /huge               200 with 1 MiB of JSON
 * Every request is counted per path (`calls`), to check Ferry's caching and retries.
 */
export interface VendorTokenServerOptions {
  readonly bearerToken: string;
  readonly stsEndpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly roleArn: string;
  readonly durationSeconds: number;
  readonly slowMs?: number;
}

export interface VendorTokenServer {
  readonly url: string;
  readonly calls: Map<string, number>;
  /** The session policies Ferry sent, in order. */
  readonly policies: string[];
  close(): Promise<void>;
}

export async function startVendorTokenServer(
  options: VendorTokenServerOptions,
): Promise<VendorTokenServer> {
  const calls = new Map<string, number>();
  const policies: string[] = [];
  const sts = new STSClient({
    endpoint: options.stsEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
  });

  async function assumeRole(policy: string | undefined) {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: 'vendor-test',
        DurationSeconds: options.durationSeconds,
        ...(policy ? { Policy: policy } : {}),
      }),
    );
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new Error('STS gave no credentials');
    }
    return {
      id: c.AccessKeyId,
      secret: c.SecretAccessKey,
      token: c.SessionToken,
      expiration: c.Expiration.toISOString(),
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    calls.set(path, (calls.get(path) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
    if (request.headers.authorization !== `Bearer ${options.bearerToken}`) {
      return send(response, 401, { error: 'bad token' });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { policy?: string };
    if (body.policy) policies.push(body.policy);

    switch (path) {
      case '/aws':
        return send(response, 200, awsShape(await assumeRole(body.policy)));
      case '/alibaba': {
        const c = await assumeRole(body.policy);
        return send(response, 200, {
          StatusCode: 200,
          AccessKeyId: c.id,
          AccessKeySecret: c.secret,
          SecurityToken: c.token,
          Expiration: c.expiration,
        });
      }
      case '/garbage':
        response.writeHead(200, { 'content-type': 'text/html' });
        return void response.end('<html><body>Proxy login required</body></html>');
      case '/partial': {
        const c = await assumeRole(body.policy);
        return send(response, 200, {
          Credentials: { AccessKeyId: c.id, SecretAccessKey: c.secret, Expiration: c.expiration },
        });
      }
      case '/expired': {
        const stale = {
          ...(await assumeRole(body.policy)),
          expiration: new Date(Date.now() - 60_000).toISOString(),
        };
        return send(response, 200, awsShape(stale));
      }
      case '/slow':
        await new Promise((resolve) => setTimeout(resolve, options.slowMs ?? 5_000));
        return send(response, 200, {});
      case '/fail':
        return send(response, 503, { error: 'maintenance' });
      case '/huge':
        return send(response, 200, { padding: 'x'.repeat(1024 * 1024) });
      default:
        return send(response, 404, { error: 'no such path' });
    }
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      send(response, 500, { error: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    policies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        sts.destroy();
      }),
  };
}

function awsShape(c: { id: string; secret: string; token: string; expiration: string }) {
  return {
    Credentials: {
      AccessKeyId: c.id,
      SecretAccessKey: c.secret,
      SessionToken: c.token,
      Expiration: c.expiration,
    },
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
