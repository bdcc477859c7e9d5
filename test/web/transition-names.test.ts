/**
 * The case screen names the procedure's steps in the user's language from its own table
 * (`web/src/screens/cases/case-model.ts`); the procedure itself is the server's
 * (`domain/cases/procedure.ts`). Every step of the procedure must have a name in the table, English
 * names must be the procedure's own labels, and the table must name no step the procedure lacks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRANSITIONS } from '../../src/domain/cases/procedure.ts';
import { TRANSITION_LABELS } from '../../web/src/screens/cases/case-model.ts';
import { en } from '../../web/src/i18n/messages/en.ts';

describe('the case screen\'s names of the procedure\'s steps', () => {
  it('names every step of the procedure, in English as the procedure does, and no other', () => {
    assert.deepEqual(Object.keys(TRANSITION_LABELS).sort(), TRANSITIONS.map((t) => t.id).sort());
    for (const t of TRANSITIONS) assert.equal(en[TRANSITION_LABELS[t.id]!], t.label, t.id);
  });
});
