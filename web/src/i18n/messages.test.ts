/**
 * The translation files: every language has exactly the English keys, no message is empty, every
 * translation keeps the placeholders of the English text, every key is used by some screen, and
 * every key a screen names exists.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { fr } from './messages/fr.ts';
import { it as italian } from './messages/it.ts';
import { LANGUAGES, placeholdersOf } from './translate.ts';

const CATALOGUES: Record<string, Record<string, string>> = { en, fr, de, it: italian };
const SRC = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'messages' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('translations', () => {
  it('has a catalogue for every interface language', () => {
    assert.deepEqual(Object.keys(CATALOGUES).sort(), [...LANGUAGES].sort());
  });

  for (const [language, messages] of Object.entries(CATALOGUES)) {
    it(`gives ${language} exactly the English keys, none empty, with the same placeholders`, () => {
      const keys = Object.keys(en);
      assert.deepEqual(keys.filter((k) => !Object.hasOwn(messages, k)), [], `missing in ${language}`);
      assert.deepEqual(Object.keys(messages).filter((k) => !Object.hasOwn(en, k)), [], `unknown in ${language}`);
      assert.deepEqual(keys.filter((k) => !messages[k]?.trim()), [], `empty in ${language}`);
      const lost = keys.filter((k) => placeholdersOf(messages[k]!).join() !== placeholdersOf(en[k as keyof typeof en]).join());
      assert.deepEqual(lost, [], `placeholders differ in ${language}`);
    });
  }

  it('translates rather than copies: most French, German and Italian messages differ from English', () => {
    for (const [language, messages] of Object.entries(CATALOGUES).filter(([l]) => l !== 'en')) {
      const same = Object.keys(en).filter((k) => messages[k] === en[k as keyof typeof en]);
      assert.ok(same.length < Object.keys(en).length * 0.1, `${language}: ${same.length} messages identical to English (${same.slice(0, 10).join(', ')}…)`);
    }
  });

  it('uses every key somewhere in the client, and names no key that does not exist', () => {
    const text = sources(SRC).map((f) => readFileSync(f, 'utf8')).join('\n');
    const literals = new Set([...text.matchAll(/'([a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)'/g)].map((m) => m[1]!));
    assert.deepEqual(Object.keys(en).filter((k) => !literals.has(k)), [], 'keys no screen uses');
    const calls = [...text.matchAll(/\bt\('([^']+)'/g)].map((m) => m[1]!);
    assert.deepEqual([...new Set(calls)].filter((k) => !Object.hasOwn(en, k)), [], 'keys used but not defined');
  });
});
