/**
 * The simulator screen's scenarios are the shipped files: web/src/screens/simulator/scenarios.ts
 * carries scenarios/*.yaml (the API has no route listing them), so a file added or changed without
 * the screen fails here; and every scenario the screen can send — as shipped, or with its knobs
 * changed to their limits — is one the API's scenario schema and cross-field checks accept.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../src/simulation/scenario/load-scenario.ts';
import { applyKnobs, knobsOf, SHIPPED_SCENARIOS } from '../../web/src/screens/simulator/scenarios.ts';
import { ROOT } from '../support/child.ts';

const DIR = join(ROOT, 'scenarios');

describe('the simulator screen\'s scenarios', () => {
  it('are exactly the files in scenarios/, as parsed', () => {
    const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
    const shipped = files.map((f) => parseYaml(readFileSync(join(DIR, f), 'utf8')) as { id: string });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    assert.deepEqual([...SHIPPED_SCENARIOS].sort(byId), shipped.sort(byId));
  });

  it('are valid scenarios for the API as shipped, and with every knob at its lowest and highest value', () => {
    for (const scenario of SHIPPED_SCENARIOS) {
      const variants = [
        scenario,
        applyKnobs(scenario, Object.fromEntries(knobsOf(scenario).map((k) => [k.path, k.min]))),
        applyKnobs(scenario, Object.fromEntries(knobsOf(scenario).map((k) => [k.path, k.max]))),
      ];
      for (const variant of variants) {
        const parsed = parseScenario(variant);
        assert.ok(parsed.ok, `${variant.id}: ${JSON.stringify(parsed.ok ? null : parsed.errors)}`);
      }
    }
  });
});
