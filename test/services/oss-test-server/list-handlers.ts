import { sendXml, type Handler, type HandlerContext } from './handler-context.js';
import { compareKeys, type StoredObject } from './object-store-disk.js';
import { OssError } from './oss-errors.js';
import { element } from './xml-text.js';

/**
 * ListObjects (GetBucket) and ListObjectsV2 (`list-type=2`): prefix, delimiter with
 * CommonPrefixes, max-keys (default 100, at most 1000, as OSS), marker / start-after /
 * continuation-token paging and `encoding-type=url`.
 */

interface Listing {
  readonly contents: StoredObject[];
  readonly prefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned: where the next page starts (exclusive). */
  readonly last: string | undefined;
}

function listEntries(
  objects: readonly StoredObject[],
  options: { prefix: string; delimiter: string; after: string; maxKeys: number },
): Listing {
  const contents: StoredObject[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  for (const object of objects) {
    if (!object.key.startsWith(options.prefix)) continue;
    if (options.after !== '' && compareKeys(object.key, options.after) <= 0) continue;
    const rest = object.key.slice(options.prefix.length);
    const cut = options.delimiter === '' ? -1 : rest.indexOf(options.delimiter);
    const common =
      cut === -1 ? undefined : options.prefix + rest.slice(0, cut + options.delimiter.length);
    // Keys under a common prefix that was the previous page's last entry are already covered.
    if (common !== undefined && (common === last || compareKeys(common, options.after) <= 0)) {
      continue;
    }
    if (contents.length + prefixes.length >= options.maxKeys) {
      return { contents, prefixes, truncated: true, last };
    }
    if (common === undefined) contents.push(object);
    else prefixes.push(common);
    last = common ?? object.key;
  }
  return { contents, prefixes, truncated: false, last };
}

function maxKeysOf(value: string | undefined): number {
  if (value === undefined || value === '') return 100;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new OssError(
      'InvalidArgument',
      'Argument max-keys must be an integer between 0 and 1000.',
      {
        fields: { ArgumentName: 'max-keys', ArgumentValue: value },
      },
    );
  }
  return n;
}

function encoderOf(value: string | undefined): (text: string) => string {
  if (value === undefined || value === '') return (text) => text;
  if (value === 'url') return (text) => encodeURIComponent(text);
  throw new OssError('InvalidArgument', 'The encoding-type must be "url".', {
    fields: { ArgumentName: 'encoding-type', ArgumentValue: value },
  });
}

function contentsXml(
  object: StoredObject,
  encode: (text: string) => string,
  ownerId: string | undefined,
): string {
  const owner =
    ownerId === undefined
      ? ''
      : `<Owner>${element('ID', ownerId)}${element('DisplayName', ownerId)}</Owner>`;
  return (
    '<Contents>' +
    element('Key', encode(object.key)) +
    element('LastModified', object.lastModified.toISOString()) +
    element('ETag', `"${object.etag}"`) +
    element('Type', object.type) +
    element('Size', object.size) +
    element('StorageClass', 'Standard') +
    owner +
    '</Contents>\n'
  );
}

function prefixesXml(prefixes: readonly string[], encode: (text: string) => string): string {
  return prefixes
    .map((p) => `<CommonPrefixes>${element('Prefix', encode(p))}</CommonPrefixes>\n`)
    .join('');
}

function common(context: HandlerContext) {
  const params = context.target.params;
  return {
    prefix: params.get('prefix') ?? '',
    delimiter: params.get('delimiter') ?? '',
    maxKeys: maxKeysOf(params.get('max-keys')),
    encode: encoderOf(params.get('encoding-type')),
    encodingType: params.get('encoding-type'),
  };
}

export const listObjects: Handler = (context) => {
  const { prefix, delimiter, maxKeys, encode, encodingType } = common(context);
  const marker = context.target.params.get('marker') ?? '';
  const listing = listEntries(context.store.objects(), {
    prefix,
    delimiter,
    after: marker,
    maxKeys,
  });
  sendXml(
    context.res,
    200,
    '<ListBucketResult>\n' +
      element('Name', context.target.bucket) +
      element('Prefix', encode(prefix)) +
      element('Marker', encode(marker)) +
      element('MaxKeys', maxKeys) +
      element('Delimiter', encode(delimiter)) +
      (encodingType ? element('EncodingType', encodingType) : '') +
      element('IsTruncated', listing.truncated) +
      (listing.truncated && listing.last !== undefined
        ? element('NextMarker', encode(listing.last))
        : '') +
      '\n' +
      listing.contents.map((o) => contentsXml(o, encode, context.ownerId)).join('') +
      prefixesXml(listing.prefixes, encode) +
      '</ListBucketResult>',
  );
};

function decodeContinuationToken(token: string): string {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  if (key === '' || Buffer.from(key, 'utf8').toString('base64url') !== token) {
    throw new OssError('InvalidArgument', 'The continuation token provided is incorrect.', {
      fields: { ArgumentName: 'continuation-token', ArgumentValue: token },
    });
  }
  return key;
}

export const listObjectsV2: Handler = (context) => {
  const { prefix, delimiter, maxKeys, encode, encodingType } = common(context);
  const params = context.target.params;
  const token = params.get('continuation-token');
  const startAfter = params.get('start-after') ?? '';
  const after = token !== undefined && token !== '' ? decodeContinuationToken(token) : startAfter;
  const listing = listEntries(context.store.objects(), { prefix, delimiter, after, maxKeys });
  const owner = params.get('fetch-owner') === 'true' ? context.ownerId : undefined;
  sendXml(
    context.res,
    200,
    '<ListBucketResult>\n' +
      element('Name', context.target.bucket) +
      element('Prefix', encode(prefix)) +
      (startAfter ? element('StartAfter', encode(startAfter)) : '') +
      (token ? element('ContinuationToken', token) : '') +
      element('MaxKeys', maxKeys) +
      element('Delimiter', encode(delimiter)) +
      (encodingType ? element('EncodingType', encodingType) : '') +
      element('IsTruncated', listing.truncated) +
      element('KeyCount', listing.contents.length + listing.prefixes.length) +
      (listing.truncated && listing.last !== undefined
        ? element('NextContinuationToken', Buffer.from(listing.last, 'utf8').toString('base64url'))
        : '') +
      '\n' +
      listing.contents.map((o) => contentsXml(o, encode, owner)).join('') +
      prefixesXml(listing.prefixes, encode) +
      '</ListBucketResult>',
  );
};
