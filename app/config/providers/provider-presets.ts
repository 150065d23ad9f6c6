import {
  ALIBABA_SESSION_NAME,
  AWS_SESSION_NAME,
  POLICY_MAX_LENGTH,
  POLICY_VERSION,
  RAM_POLICY_VERSION,
  type DurationLimits,
  type SessionNameRules,
} from '../../credentials/sts-limits.js';
import type { BucketNameRules } from './bucket-name-rules.js';

/**
 * What a profile's `provider:` may say. `oss` is the old name of `aliyun-oss` and stays valid;
 * `s3` (generic S3-compatible) is the default, so configs written before presets keep working.
 */
export const PROVIDER_NAMES = ['s3', 'aws', 'ceph', 'minio', 'ctyun', 'aliyun-oss', 'oss'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
export type PresetId = Exclude<ProviderName, 'oss'>;

/** Which object keys the store accepts. H5's object-key rules read these per folder. */
export interface KeyRules {
  readonly minBytes: number;
  /** UTF-8 bytes of the whole key (prefix included). */
  readonly maxBytes: number;
  /** Characters a key must not start with. */
  readonly forbiddenFirstChars: readonly string[];
  /** The rule in words, for messages. */
  readonly rule: string;
}

export interface StsRules {
  readonly sessionName: SessionNameRules;
  /** Defaults when the profile sets no minDurationSeconds / maxDurationSeconds. */
  readonly duration: DurationLimits;
  /** What a profile may raise maxDurationSeconds to; undefined: no known ceiling. */
  readonly hardMaxSeconds: number | undefined;
  readonly policyVersion: string;
  readonly policyMaxLength: number;
}

export interface ProviderPreset {
  readonly id: PresetId;
  readonly label: string;
  /** Which client talks to it: the S3 API (AWS SDK) or Alibaba OSS (ali-oss). */
  readonly api: 's3' | 'oss';
  /** Whether the profile must name an endpoint (no public default exists). */
  readonly endpointRequired: boolean;
  /** How the endpoint looks, for messages and the README. */
  readonly endpointExample: string;
  /** Default of `forcePathStyle` when the profile does not set it. */
  readonly forcePathStyle: boolean;
  /** S3 API: the region that signs data calls when the profile sets no `region`. */
  readonly dataRegion: string;
  /** S3 API: the region that signs STS calls when neither `credentials.stsRegion` nor (for
   *  presets that tie them) `region` is set. */
  readonly stsRegion: string;
  /** Whether `region` also signs STS calls (AWS, generic S3) or only data calls (CTyun). */
  readonly regionSignsSts: boolean;
  /**
   * S3 API: whether the store accepts header-signed PutObject/UploadPart with
   * `x-amz-content-sha256: UNSIGNED-PAYLOAD` (AWS S3 API reference, "Signature Calculations for
   * the Authorization Header: Transferring Payload in a Single Chunk", unsigned payload option).
   * Then Ferry sends bodies on its lean path (main/adapters/s3/lean-data-path.ts: one MD5 per
   * byte, checked by the store through the signed Content-MD5); false keeps them on the SDK,
   * which also signs each body's SHA-256.
   */
  readonly unsignedPayload: boolean;
  readonly credentialSources: readonly ('assume-role' | 'aliyun-sts' | 'vendor')[];
  readonly bucket: BucketNameRules;
  readonly key: KeyRules;
  readonly sts: StsRules;
}

/** S3 keys: up to 1024 bytes of UTF-8 (AWS S3 User Guide, "Naming Amazon S3 objects";
 *  MinIO "Thresholds and Limits": 1024; read 2026-11-30). */
const S3_KEYS: KeyRules = {
  minBytes: 1,
  maxBytes: 1024,
  forbiddenFirstChars: [],
  rule: '1–1024 bytes of UTF-8',
};

/** OSS keys: UTF-8, 1–1023 bytes, not starting with "/" or "\" (Alibaba OSS "Object naming
 *  conventions" and error 0016-00000002; read 2026-11-30). */
const OSS_KEYS: KeyRules = {
  minBytes: 1,
  maxBytes: 1023,
  forbiddenFirstChars: ['/', '\\'],
  rule: '1–1023 bytes of UTF-8, not starting with "/" or "\\"',
};

/** AWS STS as CTyun, Ceph and MinIO copy it: DurationSeconds 900 up to the role's maximum,
 *  at most 43200 (AWS STS API reference, AssumeRole); packed policy at most 2048 characters
 *  of plain text; Version "2012-10-17". */
const AWS_STS: StsRules = {
  sessionName: AWS_SESSION_NAME,
  duration: { minSeconds: 900, maxSeconds: 43_200 },
  hardMaxSeconds: 43_200,
  policyVersion: POLICY_VERSION,
  policyMaxLength: POLICY_MAX_LENGTH,
};

const PRESETS: Readonly<Record<PresetId, ProviderPreset>> = {
  /** Any S3-compatible store; the behaviour of Ferry before presets (region signs both). */
  s3: {
    id: 's3',
    label: 'S3-compatible (generic)',
    api: 's3',
    endpointRequired: false,
    endpointExample: 'https://s3.example.com',
    forcePathStyle: false,
    dataRegion: 'us-east-1',
    stsRegion: 'us-east-1',
    regionSignsSts: true,
    // Part of S3's SigV4 for header authentication (above), which S3-compatible stores copy.
    unsignedPayload: true,
    credentialSources: ['assume-role', 'vendor'],
    bucket: 's3',
    key: S3_KEYS,
    // A lab store may allow other durations: no ceiling beyond what the profile says.
    sts: { ...AWS_STS, hardMaxSeconds: undefined },
  },
  /** AWS S3: virtual-hosted URLs, endpoint derived by the SDK from the region; bucket rules of
   *  "General purpose bucket naming rules" (AWS S3 User Guide, read 2026-11-30). */
  aws: {
    id: 'aws',
    label: 'Amazon S3',
    api: 's3',
    endpointRequired: false,
    endpointExample: '(none: derived from region)',
    forcePathStyle: false,
    dataRegion: 'us-east-1',
    stsRegion: 'us-east-1',
    regionSignsSts: true,
    unsignedPayload: true,
    credentialSources: ['assume-role', 'vendor'],
    bucket: 'aws',
    key: S3_KEYS,
    sts: AWS_STS,
  },
  /** Ceph RGW: path style unless rgw_dns_name is set up for virtual hosts; any region signs;
   *  S3 bucket constraints unless rgw_relaxed_s3_bucket_names (docs.ceph.com "Bucket
   *  Operations", PUT Bucket constraints, read 2026-11-30); STS DurationSeconds up to the
   *  role's max_session_duration (3600 by default, shared/reference/ceph-rgw/REPORT.md). */
  ceph: {
    id: 'ceph',
    label: 'Ceph RGW',
    api: 's3',
    endpointRequired: true,
    endpointExample: 'https://rgw.example.com:7480',
    forcePathStyle: true,
    dataRegion: 'us-east-1',
    stsRegion: 'us-east-1',
    regionSignsSts: true,
    // RGW takes UNSIGNED-PAYLOAD under header auth since ceph/ceph#8601 ("rgw: aws4: handle
    // UNSIGNED-PAYLOAD under header auth", 2016, Jewel); test/integration/s3/lean-data-path.
    unsignedPayload: true,
    credentialSources: ['assume-role', 'vendor'],
    bucket: 's3',
    key: S3_KEYS,
    sts: AWS_STS,
  },
  /** MinIO: path style unless MINIO_DOMAIN is set; default region us-east-1; 63-character
   *  bucket names and 1024-byte keys (min.io "Thresholds and Limits"); AssumeRole "modeled
   *  after the AWS AssumeRole endpoint" (min.io AssumeRole page, read 2026-11-30). */
  minio: {
    id: 'minio',
    label: 'MinIO',
    api: 's3',
    endpointRequired: true,
    endpointExample: 'https://minio.example.com:9000',
    forcePathStyle: true,
    dataRegion: 'us-east-1',
    stsRegion: 'us-east-1',
    regionSignsSts: true,
    // minio/minio#2038 (2016): PutObject and PutObjectPart skip the SHA-256 check when
    // x-amz-content-sha256 is UNSIGNED-PAYLOAD.
    unsignedPayload: true,
    credentialSources: ['assume-role', 'vendor'],
    bucket: 's3',
    key: S3_KEYS,
    sts: { ...AWS_STS, hardMaxSeconds: undefined },
  },
  /** CTyun (天翼云) object storage. STS is signed with region "ctyun" ("region固定填ctyun",
   *  seed 000: CTyun "STS相关接口", updated 2025-09-28); its S3 examples pass only an endpoint, so
   *  the SDK default us-east-1 signs data calls (ctyun.cn 媒体存储 S3 SDK pages). Policy 1–2048,
   *  RoleSessionName 2–64, DurationSeconds 15 min–12 h, Version exactly 2012-10-17 (seed 000).
   *  Keys 1–1023 bytes like OSS (shared/reference/real-clouds.md); no leading "/" or "\" is
   *  documented, so the S3 key rules apply apart from the length. */
  ctyun: {
    id: 'ctyun',
    label: 'CTyun object storage',
    api: 's3',
    endpointRequired: true,
    endpointExample: 'https://oos-cn.ctyunapi.cn',
    forcePathStyle: false,
    dataRegion: 'us-east-1',
    stsRegion: 'ctyun',
    regionSignsSts: false,
    // CTyun signs "V4" as AWS SigV4 (AWS4-HMAC-SHA256, scope …/s3/aws4_request: ctyun.cn
    // "POST请求签名(V4版本)", read 2026-11-30); no page found on UNSIGNED-PAYLOAD either way, and
    // no real CTyun bucket was tried: set this to false if its PUTs are refused on the lean path.
    unsignedPayload: true,
    credentialSources: ['assume-role', 'vendor'],
    bucket: 's3',
    key: { ...S3_KEYS, maxBytes: 1023, rule: '1–1023 bytes of UTF-8' },
    sts: AWS_STS,
  },
  /** Alibaba Cloud OSS through ali-oss, tokens from Alibaba STS. Bucket names 3–63 of a–z 0–9
   *  "-", no dots (Alibaba OSS "Bucket naming conventions", updated 2026-03-20); keys as OSS_KEYS;
   *  AssumeRole DurationSeconds 900 up to the role's MaxSessionDuration (default 3600, at most
   *  43200), Policy 1–2048, RAM policy Version "1" (Alibaba STS AssumeRole doc; seed 001). */
  'aliyun-oss': {
    id: 'aliyun-oss',
    label: 'Alibaba Cloud OSS',
    api: 'oss',
    endpointRequired: false,
    endpointExample: 'https://oss-cn-hangzhou.aliyuncs.com (or region: cn-hangzhou)',
    forcePathStyle: false,
    dataRegion: 'oss-cn-hangzhou',
    stsRegion: 'cn-hangzhou',
    regionSignsSts: false,
    // Not the S3 API: ali-oss signs OSS requests its own way.
    unsignedPayload: false,
    credentialSources: ['aliyun-sts', 'vendor'],
    bucket: 'oss',
    key: OSS_KEYS,
    sts: {
      sessionName: ALIBABA_SESSION_NAME,
      duration: { minSeconds: 900, maxSeconds: 3600 },
      hardMaxSeconds: 43_200,
      policyVersion: RAM_POLICY_VERSION,
      policyMaxLength: POLICY_MAX_LENGTH,
    },
  },
};

/** The one place a provider name becomes its facts (`oss` is `aliyun-oss`). */
export function presetFor(provider: ProviderName): ProviderPreset {
  return PRESETS[provider === 'oss' ? 'aliyun-oss' : provider];
}

/** The object-key rules of a folder's provider (for app/sync/object-key.ts). */
export function keyRulesFor(provider: ProviderName): KeyRules {
  return presetFor(provider).key;
}

/** Whether the profile talks to Alibaba OSS (ali-oss) rather than the S3 API. */
export function isOssProvider(provider: ProviderName): boolean {
  return presetFor(provider).api === 'oss';
}

export function allPresets(): readonly ProviderPreset[] {
  return Object.values(PRESETS);
}

/** S3 API signing regions of a profile: data calls and STS calls. */
export interface SigningRegions {
  readonly data: string;
  readonly sts: string;
}

/**
 * `region` signs data calls (default: the preset's); STS is signed with `credentials.stsRegion`,
 * else — for presets where one region serves both (AWS, generic S3, Ceph, MinIO) — with
 * `region`, else with the preset's STS region (CTyun: data us-east-1, STS "ctyun").
 */
export function signingRegions(profile: {
  readonly provider: ProviderName;
  readonly region?: string | undefined;
  readonly stsRegion?: string | undefined;
}): SigningRegions {
  const preset = presetFor(profile.provider);
  const data = profile.region ?? preset.dataRegion;
  const sts =
    profile.stsRegion ?? (preset.regionSignsSts ? profile.region : undefined) ?? preset.stsRegion;
  return { data, sts };
}
