import type { en } from './en.js';

/** Every UI string has a key in the English dictionary; the others must match it exactly. */
export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };

/** One area of a translation (zh-cn/folders.ts…): exactly the keys of the English area. */
export type AreaMessages<EnglishArea> = { readonly [K in keyof EnglishArea]: string };

/** Keys that come as a `_one` / `_other` pair. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other`
    ? `${Base}_one` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];
