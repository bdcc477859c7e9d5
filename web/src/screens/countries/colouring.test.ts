/** What a country's colour on the map means, per mode. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DesignationData, ReadmissionData, RecognitionRow } from '../../api/types.ts';
import { colourOf, countByCategory, LEGENDS, MODES, NONE_COLOUR, shadeDesignations, shadeEuStatus, shadeReadmission, shadeRecognition } from './colouring.ts';

function designation(country: string, level: 'eu' | 'national', memberState: string | null): DesignationData {
  return { country, kind: 'safe-country-of-origin', level, memberState, from: '2026-06-12', to: null };
}

function readmission(country: string, memberState: string | null, status: ReadmissionData['status']): ReadmissionData {
  return { country, memberState, status, from: '2020-03-01', to: null };
}

function rate(citizen: string, value: number | null, geo = 'EU27_2020', year = 2025): RecognitionRow {
  return { year, citizen, geo, publisher: 'eurostat', positive: 0, decisions: 0, rate: value };
}

describe('shadeDesignations', () => {
  it('puts a country on the Union list above national lists, and names the Member States of national ones', () => {
    const shades = shadeDesignations([designation('BD', 'national', 'IT'), designation('BD', 'eu', null), designation('AL', 'national', 'IT'), designation('AL', 'national', 'DE')]);
    assert.equal(shades.get('BD')?.category, 'eu');
    assert.deepEqual(shades.get('BD'), { category: 'eu' }, 'the Union list binds every Member State: no list of them');
    assert.deepEqual(shades.get('AL'), { category: 'national', memberStates: ['DE', 'IT'] });
    assert.deepEqual([...countByCategory(shades)].sort(), [['eu', 1], ['national', 1]]);
  });
});

describe('shadeReadmission', () => {
  it('colours by the most restrictive status, listing every Member State, in any order of records', () => {
    const records = [readmission('TR', 'DE', 'cooperating'), readmission('TR', 'GR', 'suspended'), readmission('TR', null, 'partial')];
    for (const order of [records, [...records].reverse()]) {
      assert.deepEqual(shadeReadmission(order).get('TR'), { category: 'suspended', memberStates: ['DE', 'EU', 'GR'] });
    }
  });
});

describe('shadeEuStatus', () => {
  it('ranks membership above Schengen above candidacy', () => {
    const shades = shadeEuStatus({ members: ['IT', 'CY'], schengen: ['IT', 'NO'], candidates: ['TR', 'CY'] });
    assert.deepEqual(['IT', 'NO', 'TR', 'CY'].map((c) => shades.get(c)?.category), ['eu-member', 'schengen', 'candidate', 'eu-member']);
  });
});

describe('shadeRecognition', () => {
  it('bands EU-wide rates of the year at 20 % and 50 %, ignoring other years, scopes, aggregates and unknown rates', () => {
    const shades = shadeRecognition([rate('BD', 0.04), rate('SY', 0.2), rate('AF', 0.5), rate('ER', 0.9, 'DE'), rate('IQ', 0.3, 'EU27_2020', 2024), rate('MA', null), rate('TOTAL', 0.3)], 2025);
    assert.deepEqual([...shades].map(([c, s]) => [c, s.category]), [['BD', 'low'], ['SY', 'medium'], ['AF', 'high']]);
  });
});

describe('the legends', () => {
  it('give each category of each mode its own colour, distinct from "none"', () => {
    for (const mode of MODES) {
      const colours = LEGENDS[mode].map((c) => c.colour);
      assert.equal(new Set(colours).size, colours.length, mode);
      assert.ok(!colours.includes(NONE_COLOUR), mode);
      for (const category of LEGENDS[mode]) assert.equal(colourOf(mode, { category: category.id }), category.colour);
    }
    assert.equal(colourOf('readmission', undefined), NONE_COLOUR);
  });

  it('keep 3:1 contrast between every category colour and both the page and the "none" fill (WCAG 1.4.11)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    for (const mode of MODES) {
      for (const c of LEGENDS[mode]) {
        assert.ok(contrast(c.colour, '#ffffff') >= 3, `${mode} ${c.id} on white`);
        assert.ok(contrast(c.colour, NONE_COLOUR) >= 3, `${mode} ${c.id} beside none`);
      }
    }
  });
});
