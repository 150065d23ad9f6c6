import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

import { forcePathStyleFor } from '../../app/config/providers/profile-checks.js';
import {
  isOssProvider,
  presetFor,
  signingRegions,
} from '../../app/config/providers/provider-presets.js';
import type { ProfileConfig } from '../../app/config/schema.js';
import type { ProxySettings } from '../../app/network/proxy-rules.js';
import type { ObjectStore } from '../../app/ports/object-store.js';
import type { TokenProvider } from '../../app/ports/token-provider.js';
import { AuthRetryingStore } from '../../app/transfer/auth-retrying-store.js';
import { sdkAgents, type SdkAgents } from '../adapters/network/proxy-agents.js';
import { ossAddressing } from '../adapters/oss/oss-addressing.js';
import { OssObjectStore } from '../adapters/oss/oss-object-store.js';
import { s3BodySender } from '../adapters/s3/s3-body-senders.js';
import { createS3Client } from '../adapters/s3/s3-client-factory.js';
import { S3ObjectStore } from '../adapters/s3/s3-object-store.js';

/**
 * A profile's object store as the engine uses it: the provider's adapter, signing with `tokens`
 * once per request, inside the AuthRetryingStore that refreshes a rejected token once and
 * retries once (the adapters themselves never retry). `maxSockets` sizes the keep-alive pools
 * to the transfer concurrency.
 */
export function createProfileStore(
  profile: ProfileConfig,
  tokens: TokenProvider,
  proxy: ProxySettings,
  maxSockets: number,
): ObjectStore {
  // Proxy rules (NO_PROXY) are matched against the host requests really go to.
  const agents = sdkAgents(storeEndpoint(profile), proxy, maxSockets);
  return new AuthRetryingStore(adapterFor(profile, tokens, agents, maxSockets), tokens);
}

/** The store of a profile's provider: S3 API (AWS, CTyun, Ceph, MinIO) or Alibaba OSS. */
function adapterFor(
  profile: ProfileConfig,
  tokens: TokenProvider,
  agents: SdkAgents,
  maxSockets: number,
): ObjectStore {
  if (isOssProvider(profile.provider)) {
    const keepAlive = { keepAlive: true, maxSockets };
    return new OssObjectStore({
      region: profile.region,
      endpoint: profile.endpoint,
      customDomain: profile.customDomain,
      signatureVersion: profile.signatureVersion,
      profileId: profile.id,
      tokens,
      agent: agents.httpAgent ?? new HttpAgent(keepAlive),
      httpsAgent: agents.httpsAgent ?? new HttpsAgent(keepAlive),
    });
  }
  const addressing = {
    endpoint: profile.endpoint,
    region: signingRegions(profile).data,
    forcePathStyle: forcePathStyleFor(profile),
  };
  const credentials = () => tokens.get();
  const client = createS3Client({ ...addressing, credentials, maxSockets, agents });
  // Bodies on the lean path (UNSIGNED-PAYLOAD + signed Content-MD5) where the preset allows it.
  const bodies = s3BodySender(presetFor(profile.provider).unsignedPayload, {
    ...addressing,
    client,
    credentials,
    maxSockets,
    agents,
  });
  return new S3ObjectStore({ client, bodies });
}

/** Where a profile's data requests go: OSS derives it from the region when none is given. */
function storeEndpoint(profile: ProfileConfig): string | undefined {
  if (!isOssProvider(profile.provider)) return profile.endpoint;
  try {
    return ossAddressing({ ...profile, profileId: profile.id }).endpoint;
  } catch {
    return profile.endpoint; // the store reports the configuration error on its first call
  }
}
