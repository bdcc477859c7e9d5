/**
 * @module web/screens/partnerships/labels
 * The message keys of the registry's fixed values (phases, kinds, checklist items, roles, states), so
 * that each appears once as a literal and the screens translate by lookup. An unknown value (a kind
 * added on the server first) is shown as it is.
 */
import type { MessageKey } from '../../i18n/messages/en.ts';
import type { ChecklistItem, Phase } from './types.ts';

export const PHASE_LABELS: Record<Phase, MessageKey> = {
  exploration: 'partnerships.phase.exploration',
  design: 'partnerships.phase.design',
  implementation: 'partnerships.phase.implementation',
  monitoring: 'partnerships.phase.monitoring',
  suspended: 'partnerships.phase.suspended',
  ended: 'partnerships.phase.ended',
};

export const ITEM_LABELS: Record<ChecklistItem, MessageKey> = {
  legalReview: 'partnership.item.legalReview',
  fundamentalRightsImpactAssessment: 'partnership.item.fria',
  fundingSecured: 'partnership.item.fundingSecured',
  monitoringBodyDesignated: 'partnership.item.monitoringBody',
  partnerConsent: 'partnership.item.partnerConsent',
};

export const KIND_LABELS: Record<string, MessageKey> = {
  statement: 'partnerships.kind.statement',
  'memorandum-of-understanding': 'partnerships.kind.mou',
  protocol: 'partnerships.kind.protocol',
  'binding-agreement': 'partnerships.kind.bindingAgreement',
  arrangement: 'partnerships.kind.arrangement',
  'joint-declaration': 'partnerships.kind.jointDeclaration',
  'letter-of-intent': 'partnerships.kind.letterOfIntent',
};

export const MECHANISM_LABELS: Record<string, MessageKey> = {
  'return-hub': 'partnership.mechanism.returnHub',
  'stc-arrangement': 'partnership.mechanism.stc',
  'offshore-processing': 'partnership.mechanism.offshore',
  'emergency-transit': 'partnership.mechanism.emergencyTransit',
  'one-to-one': 'partnership.mechanism.oneToOne',
  readmission: 'partnership.mechanism.readmission',
  'legal-pathway': 'partnership.mechanism.legalPathway',
  'counter-smuggling': 'partnership.mechanism.counterSmuggling',
};

export const ROLE_LABELS: Record<string, MessageKey> = {
  responsible: 'partnership.role.responsible',
  accountable: 'partnership.role.accountable',
  consulted: 'partnership.role.consulted',
  informed: 'partnership.role.informed',
};

export const FUNDING_TYPE_LABELS: Record<string, MessageKey> = {
  pledge: 'partnership.funding.pledge',
  commitment: 'partnership.funding.commitment',
  disbursement: 'partnership.funding.disbursement',
};

export const EVENT_TYPE_LABELS: Record<string, MessageKey> = {
  summit: 'partnership.event.summit',
  dialogue: 'partnership.event.dialogue',
  mission: 'partnership.event.mission',
  'ministerial-meeting': 'partnership.event.ministerial',
  signing: 'partnership.event.signing',
  'technical-meeting': 'partnership.event.technical',
};

export const TIMING_LABELS: Record<string, MessageKey> = {
  planned: 'partnership.timing.planned',
  'under-way': 'partnership.timing.underWay',
  held: 'partnership.timing.held',
};

/** States of mechanisms and facilities on the date (the registry's `state`). */
export const STATE_LABELS: Record<string, MessageKey> = {
  planned: 'partnership.state.planned',
  'not-yet': 'partnership.state.notYet',
  operating: 'partnership.state.operating',
  ended: 'partnership.state.ended',
  open: 'partnership.state.open',
  closed: 'partnership.state.closed',
  'no-capacity-recorded': 'partnership.state.noCapacity',
};

/** A value's label, or the value itself when it has none. */
export function labelOr(labels: Record<string, MessageKey>, value: string, t: (key: MessageKey) => string): string {
  const key = labels[value];
  return key ? t(key) : value;
}
