/**
 * @module simulation/law-overlay
 * Readings of the law a scenario may ASSUME beyond the law package as encoded: a rule overlay in
 * OpenFisca's sense (a reform replaces a formula from a date), kept here rather than in `law/`
 * because it is not the law in force. The only one so far: transfers to return hubs under the Return
 * Regulation, provisionally agreed on 1 June 2026 and not in force (law/instruments.yaml), on the
 * terms reported of the deal (../shared/LAW.md §2.2): a return decision in force, a hub agreement to
 * which the Member State is a party, unaccompanied minors excluded (families with children are not),
 * and — as for every movement — the law package's own non-refoulement gate (`law/finding.ts`): `yes`
 * only with an individual assessment finding no real risk in the hub's country.
 *
 * A run that assumes it reports the assumption with its date next to every figure it changes.
 */
import { cite } from '../../law/cite.ts';
import type { Facts } from '../../law/facts.ts';
import { conclude, gate, type Outcome } from '../../law/finding.ts';
import type { LawRegistry } from '../../law/registry.ts';
import { buildSituation } from '../../law/situation.ts';
import type { IsoDate } from '../rules/engine/dates.ts';

const HUBS = cite('return-regulation', 'provisions on return hubs (return to a third country with which there is an agreement or arrangement)', 'as provisionally agreed on 1 June 2026 — ASSUMED to apply by the scenario');

/**
 * The `return-hub-transfer` answer under the assumed Return Regulation.
 * @example returnHubUnderReturnRegulation({ facts, on: '2027-08-01', registry, agreement: 'nl-ug-hub' }) // 'yes' | 'no' | 'review'
 */
export function returnHubUnderReturnRegulation({ facts, on, registry, agreement }: { facts: Facts; on: IsoDate; registry: LawRegistry; agreement: string }): Outcome {
  const s = buildSituation(facts, on, registry);
  const hub = s.agreements.find((a) => a.id === agreement && a.kind === 'return-hub');
  if (!hub) return 'no';
  if (hub.memberStates && !hub.memberStates.includes(s.memberState)) return 'no';
  if (s.decision?.kind !== 'return-decision') return 'no';
  if (s.unaccompanied === true) return 'no';
  return gate(s, hub.partner, conclude('yes', [HUBS], `a return decision of ${s.decision.on} and the ${hub.id} agreement with ${hub.partner}`)).outcome;
}
