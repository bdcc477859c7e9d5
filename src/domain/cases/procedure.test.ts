/**
 * The procedure table is data: these checks keep it whole — every stage reachable, every transition
 * cited, every finding it names a question of ../shared/DOMAIN.md, decisions and movements of a person
 * under four eyes and the `decide` permission, and movements guarded for families.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUESTIONS } from '../../../law/finding.ts';
import { CASE_STAGES } from './case.ts';
import { TRANSITIONS } from './procedure.ts';

describe('the procedure table', () => {
  it('names each transition once, with a label and a basis', () => {
    assert.equal(new Set(TRANSITIONS.map((t) => t.id)).size, TRANSITIONS.length);
    for (const t of TRANSITIONS) {
      assert.ok(t.label.length > 0 && t.basis.length > 0, `${t.id} is labelled and cited`);
      for (const b of t.basis) assert.match(b, /(Art\.|Arts\.|Protocol)/, `${t.id}: ${b} names a provision`);
    }
  });

  it('moves between known stages, and every stage but the first is reached', () => {
    const reached = new Set(TRANSITIONS.map((t) => t.to));
    for (const t of TRANSITIONS) for (const s of [...t.from, t.to]) assert.ok((CASE_STAGES as readonly string[]).includes(s), `${t.id}: ${s}`);
    assert.deepEqual(CASE_STAGES.filter((s) => s !== 'registered' && !reached.has(s)), []);
  });

  it('asks only questions of the law engine, per country or agreement exactly when the transition names one', () => {
    for (const t of TRANSITIONS) {
      for (const r of t.requires) {
        assert.ok((QUESTIONS as readonly string[]).includes(r.question), `${t.id}: ${r.question}`);
        assert.ok(r.allow.length > 0);
        if (r.per) assert.equal(r.per, t.subject, `${t.id}: ${r.question} is asked per ${r.per}`);
      }
    }
  });

  it('puts every movement of a person to a country under four eyes, behind a finding or the family guard', () => {
    const movements = TRANSITIONS.filter((t) => ['removed', 'transferred-return-hub', 'transferred-third-country', 'transferred-member-state', 'offshore-procedure'].includes(t.to));
    assert.ok(movements.length >= 5);
    for (const t of movements) {
      assert.ok(t.fourEyes && t.action === 'decide', `${t.id} needs a supervisor's approval`);
      assert.ok(t.guards.includes('family-together'), `${t.id} keeps families together`);
    }
    // Non-refoulement: a movement the engine answers never passes on `review`.
    for (const t of movements) for (const r of t.requires) assert.deepEqual(r.allow, ['yes'], `${t.id}`);
  });

  it('takes every first-instance decision under four eyes', () => {
    for (const t of TRANSITIONS.filter((x) => x.to === 'decided' && x.from.some((f) => f !== 'appeal') || x.to === 'protection-granted' || x.to === 'return-decision')) {
      if (t.id.startsWith('dismiss-appeal')) continue;
      assert.ok(t.fourEyes, `${t.id} is approved by a supervisor`);
    }
  });
});
