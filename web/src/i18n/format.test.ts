/** Dates and numbers per locale through Intl: calendar days never shift with the time zone. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formattersFor, isIsoDay, todayIso } from './format.ts';
import { pickLanguage, translate } from './translate.ts';
import { en } from './messages/en.ts';

describe('formattersFor', () => {
  it('writes a calendar day in each language\'s own way', () => {
    assert.equal(formattersFor('en').date('2026-06-12'), 'Jun 12, 2026');
    assert.equal(formattersFor('fr').date('2026-06-12'), '12 juin 2026');
    assert.equal(formattersFor('de').date('2026-06-12'), '12.06.2026');
    assert.equal(formattersFor('it').date('2026-06-12'), '12 giu 2026');
  });

  it('keeps the day of every ISO date, whatever the offset of the local zone', () => {
    const fmt = formattersFor('en');
    fc.assert(fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      return fmt.date(iso) === new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
    }));
  });

  it('writes numbers and shares with the locale\'s separators', () => {
    assert.equal(formattersFor('en').number(72000), '72,000');
    assert.equal(formattersFor('de').number(72000), '72.000');
    assert.equal(formattersFor('fr').percent(0.2).replace(/\s/g, ' '), '20 %');
    assert.equal(formattersFor('en').percent(0.125), '12.5%');
  });

  it('passes through what is not a date', () => {
    assert.equal(formattersFor('en').date('not a date'), 'not a date');
  });
});

describe('isIsoDay and todayIso', () => {
  it('accepts real calendar days only', () => {
    assert.ok(isIsoDay('2024-02-29'));
    assert.ok(!isIsoDay('2026-02-29'));
    assert.ok(!isIsoDay('2026-2-1'));
    assert.equal(todayIso(new Date('2026-06-12T23:59:59Z')), '2026-06-12');
  });
});

describe('translate and pickLanguage', () => {
  it('fills placeholders and leaves an unfilled one visible', () => {
    assert.equal(translate(en, 'home.welcome', { name: 'Ana' }), 'Welcome, Ana.');
    assert.equal(translate(en, 'home.welcome'), 'Welcome, {name}.');
  });

  it('starts in the stored language, else the browser\'s first supported one, else English', () => {
    assert.equal(pickLanguage('it', ['fr']), 'it');
    assert.equal(pickLanguage('xx', ['pt-PT', 'de-AT', 'fr']), 'de');
    assert.equal(pickLanguage(null, ['pt']), 'en');
  });
});
