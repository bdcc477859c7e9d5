/**
 * @module web/screens/cases/case-model
 * The logic of the case screen, apart from React: which steps the user may take now and, for each
 * other, why not (the API's transitions view: the law's refusals with their citations and reasons,
 * the permission table's answer, a proposal waiting for approval); the steps' names in the user's
 * language; every finding of the law engine on a date (GET …/findings) grouped by the family of its
 * question, each with the next steps that consult it; citations linked to their source through the
 * law catalogue; the request of a step; and what a stale step (412) is shown as — the stage the user
 * read, the one they wanted and the one the case has now — for the conflict resolver.
 */
import type { Citation, LawCatalog } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/messages/en.ts';
import type { AvailableTransition, CaseFinding, CaseFindingsView, CaseRecord, TransitionsView } from './case-types.ts';

/**
 * The steps of the procedure (the API's transition ids, `GET /api/procedure`) by their names in the
 * catalogues; the English names are the API's own labels.
 */
export const TRANSITION_LABELS: Record<string, MessageKey> = {
  'start-screening': 'transition.startScreening', 'make-application': 'transition.makeApplication',
  'register-application': 'transition.registerApplication', 'lodge-application': 'transition.lodgeApplication',
  'examine-admissibility': 'transition.examineAdmissibility', 'examine-in-accelerated-procedure': 'transition.examineInAcceleratedProcedure',
  'examine-in-border-procedure': 'transition.examineInBorderProcedure', 'examine-in-regular-procedure': 'transition.examineInRegularProcedure',
  'end-border-procedure': 'transition.endBorderProcedure', 'take-to-offshore-facility': 'transition.takeToOffshoreFacility',
  'declare-inadmissible-safe-third-country': 'transition.declareInadmissibleSafeThirdCountry',
  'declare-inadmissible-first-country-of-asylum': 'transition.declareInadmissibleFirstCountryOfAsylum',
  'declare-inadmissible-subsequent': 'transition.declareInadmissibleSubsequent', 'reject-application': 'transition.rejectApplication',
  'grant-protection': 'transition.grantProtection', 'lodge-appeal': 'transition.lodgeAppeal', 'allow-appeal': 'transition.allowAppeal',
  'dismiss-appeal': 'transition.dismissAppeal', 'dismiss-appeal-against-return-decision': 'transition.dismissAppealAgainstReturnDecision',
  'issue-return-decision': 'transition.issueReturnDecision', 'depart-voluntarily': 'transition.departVoluntarily', remove: 'transition.remove',
  'transfer-to-return-hub': 'transition.transferToReturnHub', 'transfer-to-safe-third-country': 'transition.transferToSafeThirdCountry',
  'transfer-to-member-state': 'transition.transferToMemberState', resettle: 'transition.resettle', discontinue: 'transition.discontinue',
  close: 'transition.close',
};

/**
 * A step's name in the user's language; a step the client does not know (one added to the procedure
 * since) keeps the API's label, or failing that its id.
 * @example stepName(t, 'grant-protection') // 'Accorder la protection internationale' in French
 */
export function stepName(translate: (key: MessageKey) => string, transition: string, fallback?: string): string {
  const key = Object.hasOwn(TRANSITION_LABELS, transition) ? TRANSITION_LABELS[transition] : undefined;
  return key ? translate(key) : fallback ?? transition;
}

/** Why a step cannot be taken now: a refusal of the law or the case, the permission table, or a pending approval. */
export interface StepReason { code: string; message: string; basis: string[]; because: string[] }

export interface StepOption {
  /** Unique among the options: the transition and its subject. */
  key: string;
  transition: string;
  label: string;
  to: string;
  subject: Record<string, string>;
  fourEyes: boolean;
  /** Whether the user may take (or, with four eyes, propose) it now. */
  available: boolean;
  /** The country or agreement the user must name before taking it (a step about a country not asked yet). */
  needs: 'country' | 'agreement' | null;
  reasons: StepReason[];
  basis: string[];
}

function keyOf(transition: string, subject: Record<string, string>): string {
  const parts = Object.entries(subject).map(([k, v]) => `${k}=${v}`).sort();
  return parts.length ? `${transition}:${parts.join(',')}` : transition;
}

/**
 * The steps from the case's stage, the ones the user may take first (in the procedure's order), each
 * with its reasons when it may not be taken. A step refused only because its country or agreement is
 * not named is available with `needs` set: the user names it and the API asks the law again.
 * @example stepsOf(view).filter((s) => s.available).map((s) => s.transition) // ['examine-in-accelerated-procedure', …]
 */
export function stepsOf(view: TransitionsView): StepOption[] {
  const options = view.available.map((a: AvailableTransition): StepOption => {
    const subject = a.subject ?? {};
    const subjectOnly = a.refusals.length > 0 && a.refusals.every((r) => r.code === 'SUBJECT_REQUIRED');
    const reasons: StepReason[] = [
      ...(view.pending ? [{ code: 'PENDING', message: view.pending.transition, basis: [], because: [] }] : []),
      ...(a.permitted ? [] : [{ code: 'FORBIDDEN', message: a.action, basis: [], because: [] }]),
      ...(subjectOnly ? [] : a.refusals.map((r) => ({ code: r.code, message: r.message, basis: r.basis, because: r.because }))),
    ];
    const needs = subjectOnly ? (a.refusals.some((r) => /agreement/.test(r.message)) ? 'agreement' : 'country') : null;
    return {
      key: keyOf(a.transition, subject), transition: a.transition, label: a.label, to: a.to, subject, fourEyes: a.fourEyes,
      available: reasons.length === 0, needs, reasons, basis: a.basis,
    };
  });
  return [...options.filter((o) => o.available), ...options.filter((o) => !o.available)];
}

/** The families of the law engine's questions, in the order a case meets them; `other` for a question the client does not know. */
export const FINDING_FAMILIES = ['procedure', 'admissibility', 'appeal', 'movement', 'other'] as const;
export type FindingFamily = (typeof FINDING_FAMILIES)[number];

const FAMILY_OF: Record<string, FindingFamily> = {
  'access-to-procedure': 'procedure', 'sco-presumption': 'procedure', 'accelerated-procedure': 'procedure',
  'border-procedure-allowed': 'procedure', 'border-procedure-mandatory': 'procedure',
  'stc-inadmissibility': 'admissibility', 'fca-inadmissibility': 'admissibility', 'subsequent-inadmissibility': 'admissibility',
  'appeal-suspensive': 'appeal',
  removal: 'movement', 'return-hub-transfer': 'movement', 'offshore-processing': 'movement', 'one-to-one-return': 'movement',
};

export function familyOf(question: string): FindingFamily {
  return Object.hasOwn(FAMILY_OF, question) ? FAMILY_OF[question]! : 'other';
}

/** A finding of the day as the screen shows it: with a key, and the next steps whose law consults it. */
export type DayFinding = CaseFindingsView['findings'][number] & { key: string; steps: string[] };

export interface FindingGroup { family: FindingFamily; findings: DayFinding[] }

function findingKey(f: Pick<CaseFinding, 'question' | 'country' | 'agreement'>): string {
  return `${f.question}|${f.country ?? ''}|${f.agreement ?? ''}`;
}

/**
 * Every finding of the day, grouped by the family of its question (families in the procedure's order,
 * empty ones left out, findings in the engine's order within each). When the next steps were read for
 * the same date, each finding names the steps that consult it, once each.
 * @example groupFindings(findings, transitions).map((g) => g.family) // ['procedure', 'admissibility', 'movement']
 */
export function groupFindings(view: CaseFindingsView, next: TransitionsView | null = null): FindingGroup[] {
  const consulted = new Map<string, string[]>();
  if (next && next.on === view.on) {
    for (const a of next.available) {
      for (const f of a.findings) {
        const steps = consulted.get(findingKey(f)) ?? [];
        if (!steps.includes(a.transition)) steps.push(a.transition);
        consulted.set(findingKey(f), steps);
      }
    }
  }
  const groups = new Map<FindingFamily, DayFinding[]>(FINDING_FAMILIES.map((family) => [family, []]));
  for (const f of view.findings) {
    const key = findingKey(f);
    groups.get(familyOf(f.question))!.push({ ...f, key, steps: consulted.get(key) ?? [] });
  }
  return FINDING_FAMILIES.filter((family) => groups.get(family)!.length > 0).map((family) => ({ family, findings: groups.get(family)! }));
}

/** The sources of the citations the law catalogue knows: each citation title, and each instrument, to its address. */
export interface CitationIndex { titles: Map<string, string>; instruments: Map<string, string> }

/** The instrument a citation names: "Regulation (EU) 2024/1348 Art. 42(1)" → "Regulation (EU) 2024/1348". */
export function instrumentOf(title: string): string | null {
  const match = /^((?:Regulation|Directive|Decision)(?: \((?:EU|EC|EEC)\))? (?:No )?\d{2,4}\/\d{1,4}(?:\/(?:EU|EC|EEC))?)/.exec(title);
  return match ? match[1]! : null;
}

export function citationIndex(catalog: Pick<LawCatalog, 'rules' | 'parameters'>): CitationIndex {
  const titles = new Map<string, string>();
  const instruments = new Map<string, string>();
  const add = (c: Citation) => {
    if (!c.href) return;
    if (!titles.has(c.title)) titles.set(c.title, c.href);
    const instrument = instrumentOf(c.title);
    if (instrument && !instruments.has(instrument)) instruments.set(instrument, c.href);
  };
  for (const rule of catalog.rules) rule.basis.forEach(add);
  for (const parameter of catalog.parameters) parameter.reference.forEach(add);
  return { titles, instruments };
}

/**
 * The citations with their source where the catalogue has it: the same citation's address, else its
 * instrument's; a citation of an instrument the catalogue does not cite stays plain text.
 * @example linkCitations(['Regulation (EU) 2024/1348 Art. 42(1)'], index) // [{ title: '…', href: 'https://eur-lex.europa.eu/eli/reg/2024/1348/oj' }]
 */
export function linkCitations(basis: readonly string[], index: CitationIndex | null): Citation[] {
  return basis.map((title) => {
    const instrument = instrumentOf(title);
    const href = index?.titles.get(title) ?? (instrument ? index?.instruments.get(instrument) : undefined);
    return href ? { title, href } : { title };
  });
}

export interface StepForm { reason: string; legalBasis: string; subject: string }

/**
 * The body of POST /api/cases/{id}/transitions for a step, or the fields missing.
 * @example stepBody(step, { reason: 'Safe country of origin', legalBasis: '', subject: '' })
 */
export function stepBody(step: StepOption, form: StepForm): { ok: true; body: Record<string, unknown> } | { ok: false; missing: string[] } {
  const missing: string[] = [];
  const reason = form.reason.trim();
  if (reason.length < 3) missing.push('reason');
  const named = form.subject.trim();
  const subject = step.needs === 'country' ? named.toUpperCase() : named;
  if (step.needs === 'country' && !/^[A-Z]{2}$/.test(subject)) missing.push('country');
  if (step.needs === 'agreement' && subject.length === 0) missing.push('agreement');
  if (!step.available) missing.push('transition');
  if (missing.length > 0) return { ok: false, missing };
  const legalBasis = form.legalBasis.split('\n').map((line) => line.trim()).filter((line) => line.length >= 3);
  return {
    ok: true,
    body: {
      transition: step.transition, reason, ...step.subject,
      ...(step.needs ? { [step.needs]: subject } : {}),
      ...(legalBasis.length ? { legalBasis } : {}),
    },
  };
}

/** The fields of a case a stale step is compared on. */
export function comparable(c: Pick<CaseRecord, 'stage' | 'assignedTo' | 'unitId'>): Record<string, unknown> {
  return { stage: c.stage, assignedTo: c.assignedTo, unitId: c.unitId };
}

/**
 * What a step refused as stale (412) is shown as: the case as read, the case as the user wanted it
 * (the step's stage), the case as it is now. The merge keeps the other person's changes; the user
 * chooses whether the step is still to be taken.
 */
export function staleStep(read: CaseRecord, step: StepOption, current: CaseRecord): { base: Record<string, unknown>; mine: Record<string, unknown>; theirs: Record<string, unknown> } {
  const base = comparable(read);
  return { base, mine: { ...base, stage: step.to }, theirs: comparable(current) };
}

/** Whether the merged version the user settled on still asks for the step (its stage was kept). */
export function stillWanted(merged: Record<string, unknown>, step: StepOption): boolean {
  return merged.stage === step.to;
}

/**
 * The version an ETag names, else the fallback: a step refused with 409 or 412 is stale only when
 * the case's version moved past the one sent.
 * @example etagVersion('"8"', 7) // 8
 */
export function etagVersion(etag: string | null, fallback: number): number {
  const match = etag ? /^(?:W\/)?"(\d+)"$/.exec(etag.trim()) : null;
  return match ? Number(match[1]) : fallback;
}
