import fc from 'fast-check';

/** Names whose characters sort around "/" (0x2f) and past the surrogates: the hard cases. */
const nameArbitrary = fc
  .array(
    fc.constantFrom('a', 'b', '.', '-', ' ', '!', '0', 'A', 'é', 'e\u0301', '\u{1F600}', '\uFB00'),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((parts) => parts.join(''));
export const pathArbitrary = fc
  .array(nameArbitrary, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'));

/** Depth first, each directory's names sorted by code unit: what folder-walk.ts yields. */
export function walkOrder(paths: readonly string[]): string[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const compare = (a: string, b: string): number => {
    const [x, ...xs] = a.split('/');
    const [y, ...ys] = b.split('/');
    if (x !== y) return byName(x ?? '', y ?? '');
    return compare(xs.join('/'), ys.join('/'));
  };
  return [...paths].sort(compare);
}
