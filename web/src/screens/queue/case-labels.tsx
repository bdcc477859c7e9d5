/**
 * @module web/screens/queue/case-labels
 * How the queue and the case screen name things: stages, kinds of case, flags and deadlines in the
 * user's language (the API's codes stay visible where a label is unknown), and the deadline badge —
 * its level as text ("3 days left", "passed 2 days ago") and colour, never colour alone.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import type { NextDeadline } from '../cases/case-types.ts';
import { URGENCY_CLASS, urgencyOf } from './queue-model.ts';

export const STAGE_LABELS: Record<string, MessageKey> = {
  registered: 'stage.registered', screening: 'stage.screening', 'application-made': 'stage.applicationMade',
  'application-registered': 'stage.applicationRegistered', 'application-lodged': 'stage.applicationLodged', admissibility: 'stage.admissibility',
  accelerated: 'stage.accelerated', 'border-procedure': 'stage.borderProcedure', examination: 'stage.examination',
  'offshore-procedure': 'stage.offshoreProcedure', decided: 'stage.decided', appeal: 'stage.appeal', 'protection-granted': 'stage.protectionGranted',
  'return-decision': 'stage.returnDecision', 'voluntary-return': 'stage.voluntaryReturn', removed: 'stage.removed',
  'transferred-return-hub': 'stage.transferredReturnHub', 'transferred-third-country': 'stage.transferredThirdCountry',
  'transferred-member-state': 'stage.transferredMemberState', resettled: 'stage.resettled', closed: 'stage.closed',
};

export const KIND_LABELS: Record<string, MessageKey> = {
  asylum: 'kind.asylum', return: 'kind.return', resettlement: 'kind.resettlement', transfer: 'kind.transfer', screening: 'kind.screening',
};

export const FLAG_LABELS: Record<string, MessageKey> = {
  priority: 'flag.priority', vulnerability: 'flag.vulnerability', 'age-dispute': 'flag.ageDispute', 'family-tracing': 'flag.familyTracing',
  'security-check': 'flag.securityCheck', 'data-quality': 'flag.dataQuality', 'legal-review': 'flag.legalReview',
};

export const DEADLINE_LABELS: Record<string, MessageKey> = {
  registration: 'deadline.registration', lodging: 'deadline.lodging', 'admissibility-decision': 'deadline.admissibilityDecision',
  'accelerated-decision': 'deadline.acceleratedDecision', 'border-procedure-end': 'deadline.borderProcedureEnd',
  'return-border-procedure-end': 'deadline.returnBorderProcedureEnd', 'appeal-lodging': 'deadline.appealLodging',
  'voluntary-departure-end': 'deadline.voluntaryDepartureEnd', 'detention-maximum': 'deadline.detentionMaximum',
};

/** The label of a code in a table, or the code itself. */
export function useLabel(): (table: Record<string, MessageKey>, code: string) => string {
  const { t } = useI18n();
  return (table, code) => (table[code] ? t(table[code]) : code);
}

/** The next deadline: its name, date and a badge saying how many days are left or since when it passed. */
export function DeadlineBadge({ next }: { next: NextDeadline | null }) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const urgency = urgencyOf(next);
  if (!next) return <span className={URGENCY_CLASS.none}>{t('urgency.none')}</span>;
  const days = Math.abs(next.daysLeft);
  const text = urgency === 'overdue' ? t('urgency.overdue', { n: fmt.number(days) })
    : urgency === 'today' ? t('urgency.today')
      : t(urgency === 'soon' ? 'urgency.soon' : 'urgency.later', { n: fmt.number(days) });
  return (
    <span>
      <span className={URGENCY_CLASS[urgency]} data-urgency={urgency}>{text}</span>{' '}
      <span className="muted">{label(DEADLINE_LABELS, next.name)} · {fmt.date(next.dueOn)}</span>
    </span>
  );
}
