/** A law parameter's value as read on screen, for each unit the law package uses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formattersFor } from '../../i18n/format.ts';
import { en, type Messages } from '../../i18n/messages/en.ts';
import { fr } from '../../i18n/messages/fr.ts';
import { translate } from '../../i18n/translate.ts';
import { formatParameterValue } from './values.ts';

const names: Record<string, string> = { BD: 'Bangladesh', XK: 'Kosovo' };
const ctx = (messages: Messages = en, locale = 'en') => ({ t: (k: keyof typeof en, p?: Record<string, string | number>) => translate(messages, k, p), fmt: formattersFor(locale), countryName: (c: string) => names[c] ?? c });

describe('formatParameterValue', () => {
  it('writes amounts with their unit, ratios as percentages, country lists as names', () => {
    assert.equal(formatParameterValue(12, 'weeks', ctx()), '12 weeks');
    assert.equal(formatParameterValue(6, 'working-days', ctx()), '6 working days');
    assert.equal(formatParameterValue(0.2, 'ratio', ctx()), '20%');
    assert.equal(formatParameterValue(['BD', 'XK'], 'countries', ctx()), 'Bangladesh, Kosovo');
    assert.equal(formatParameterValue([], 'countries', ctx()), 'none');
    assert.equal(formatParameterValue(null, 'days', ctx()), 'no value');
    assert.equal(formatParameterValue(3, 'fortnights', ctx()), '3 fortnights');
  });

  it('speaks the interface language', () => {
    assert.equal(formatParameterValue(21, 'days', ctx(fr, 'fr')), '21 jours');
    assert.equal(formatParameterValue(1000, 'days', ctx(fr, 'fr')).replace(/\s/g, ' '), '1 000 jours');
  });
});
