/**
 * @module web/i18n/translate
 * The interface languages and the one function that turns a message key into text. Messages are
 * plain strings with named placeholders (`{name}`); a placeholder without a value stays visible, so
 * that a mistake shows on screen instead of vanishing.
 */
import type { MessageKey, Messages } from './messages/en.ts';

/** The languages the interface is translated into; English is the fallback and the source. */
export const LANGUAGES = ['en', 'fr', 'de', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start in: the one the user chose before, else the first of the browser's
 * preferences that the interface has, else English.
 * @example pickLanguage(null, ['de-AT', 'en']) // 'de'
 */
export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export type MessageParams = Record<string, string | number>;

/**
 * The text of a message with its placeholders filled.
 * @example translate(en, 'home.welcome', { name: 'Ana' })
 */
export function translate(messages: Messages, key: MessageKey, params: MessageParams = {}): string {
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The placeholder names a message uses, sorted: every language must use the same ones. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}
