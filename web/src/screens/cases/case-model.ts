/**
 * @module web/screens/cases/case-model
 * The logic of the case screen, apart from React: which steps the user may take now and, for each
 * other, why not (the API's transitions view: the law's refusals with their citations and reasons,
 * the permission table's answer, a proposal waiting for approval); the law engine's findings of the
 * day without repeats; citations linked to their source through the law catalogue; the request of a
 * step; and what a stale step (412) is shown as — the stage the user read, the one they wanted and
 * the one the case has now — for the conflict resolver.
 */
import type { Citation, LawCatalog } from '../../api/types.ts';
import type { AvailableTransition, CaseFinding, CaseRecord, TransitionsView } from './case-types.ts';

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

/**
 * The findings the law engine gave on the case's next steps, each once (several steps consult the
 * same question), in the order first met.
 */
export function findingsOf(view: TransitionsView): CaseFinding[] {
  const seen = new Map<string, CaseFinding>();
  for (const a of view.available) {
    for (const f of a.findings) {
      const key = `${f.question}|${f.country ?? ''}|${f.agreement ?? ''}`;
      if (!seen.has(key)) seen.set(key, f);
    }
  }
  return [...seen.values()];
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
