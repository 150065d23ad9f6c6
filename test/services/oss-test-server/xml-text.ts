/**
 * The little XML this server needs: escaping for the answers it writes, and reading the one
 * request body it accepts (CompleteMultipartUpload). Not a general XML parser on purpose — a
 * dependency-free test server only has to understand the shapes OSS documents.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text for an element body (quotes may stay: OSS prints ETags as `"…"`). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function unescapeXml(text: string): string | undefined {
  let bad = false;
  const out = text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const value = ENTITIES[name];
    if (value === undefined) bad = true;
    return value ?? '';
  });
  return bad ? undefined : out;
}

/** `<name>value</name>` as one line. */
export function element(name: string, value: string | number | boolean): string {
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export interface CompletePart {
  readonly partNumber: number;
  readonly etag: string;
}

/**
 * Reads `<CompleteMultipartUpload><Part><PartNumber>n</PartNumber><ETag>"…"</ETag></Part>…`.
 * Returns undefined when the body does not have that shape (the caller answers MalformedXML).
 */
export function parseCompleteMultipartUpload(body: string): CompletePart[] | undefined {
  const root = /<CompleteMultipartUpload(?:\s[^>]*)?>([\s\S]*)<\/CompleteMultipartUpload>/.exec(
    body,
  );
  if (!root) return undefined;
  const parts: CompletePart[] = [];
  const partPattern = /<Part>([\s\S]*?)<\/Part>/g;
  for (
    let match = partPattern.exec(root[1] ?? '');
    match;
    match = partPattern.exec(root[1] ?? '')
  ) {
    const inner = match[1] ?? '';
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1];
    const rawEtag = /<ETag>([\s\S]*?)<\/ETag>/.exec(inner)?.[1];
    const etag = rawEtag === undefined ? undefined : unescapeXml(rawEtag.trim());
    if (number === undefined || etag === undefined) return undefined;
    parts.push({ partNumber: Number(number), etag });
  }
  return parts;
}
