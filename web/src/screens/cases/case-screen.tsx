/**
 * @module web/screens/cases/case-screen
 * One case (GET /api/cases/{id}): the person (only for users the API lets read personal data — the
 * read is logged), the stage and recorded facts, the deadlines (GET …/deadlines), every finding of
 * the law engine on a date the user picks (GET …/findings, default today), grouped by the family of
 * its question, with its outcome, "because", linked citations, the rule version that answered and the
 * next steps that consult it, and the law the answer rests on; the steps the user may take now and,
 * for the others, why not (GET …/transitions), each named in the user's language; a form to take a step with reasons
 * (take-step.tsx), the proposal waiting for four eyes with approve / reject for those who may, and
 * the case's history from the audit trail (GET …/events). A case the user may not read — another
 * Member State's, another unit's — shows the API's problem and nothing of the case.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Problem } from '../../api/problem.ts';
import type { AuditEvent, LawCatalog } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { problemOf, useSession } from '../../auth/session.tsx';
import { Citations } from '../../components/citations.tsx';
import { DateField } from '../../components/date-field.tsx';
import { Loaded, Loading } from '../../components/loaded.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { ProblemMessage } from '../../components/problem-message.tsx';
import { isIsoDay, todayIso } from '../../i18n/format.ts';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link, useRouter } from '../../router/router.tsx';
import type { ScreenProps } from '../../routes.ts';
import { OutcomeBadge } from '../law/findings.tsx';
import { DEADLINE_LABELS, KIND_LABELS, STAGE_LABELS, useLabel } from '../queue/case-labels.tsx';
import { citationIndex, groupFindings, linkCitations, stepName, stepsOf, type CitationIndex, type FindingFamily } from './case-model.ts';
import type { CaseDeadlines, CaseFindingsView, CaseRecord, PersonRecord, TransitionResult, TransitionsView } from './case-types.ts';
import { TakeStep } from './take-step.tsx';

/** The questions of the law engine (`law/finding.ts`), as the law screens name them. */
const QUESTIONS: Record<string, MessageKey> = {
  'sco-presumption': 'question.scoPresumption', 'stc-inadmissibility': 'question.stcInadmissibility',
  'fca-inadmissibility': 'question.fcaInadmissibility', 'subsequent-inadmissibility': 'question.subsequentInadmissibility',
  'accelerated-procedure': 'question.acceleratedProcedure', 'border-procedure-allowed': 'question.borderProcedureAllowed',
  'border-procedure-mandatory': 'question.borderProcedureMandatory', 'appeal-suspensive': 'question.appealSuspensive',
  'offshore-processing': 'question.offshoreProcessing', 'return-hub-transfer': 'question.returnHubTransfer',
  'one-to-one-return': 'question.oneToOneReturn', removal: 'question.removal', 'access-to-procedure': 'question.accessToProcedure',
};

const REASONS: Record<string, MessageKey> = {
  FINDING: 'step.reasonFinding', NOT_ASKED: 'step.reasonNotAsked', GUARD: 'step.reasonGuard', SUBJECT_REQUIRED: 'step.reasonSubject',
  NO_ASSESSMENT: 'step.reasonNoAssessment', FORBIDDEN: 'step.reasonForbidden', PENDING: 'step.reasonPending',
};

const DEADLINE_OUTCOMES: Record<string, MessageKey> = { met: 'case.deadlineMet', missed: 'case.deadlineMissed', lapsed: 'case.deadlineLapsed' };

const FAMILIES: Record<FindingFamily, MessageKey> = {
  procedure: 'case.familyProcedure', admissibility: 'case.familyAdmissibility', appeal: 'case.familyAppeal', movement: 'case.familyMovement', other: 'case.familyOther',
};

const REGIMES: Record<string, MessageKey> = { 'apd-2013': 'regime.apd2013', 'apr-2024': 'regime.apr2024' };

/** The first hex digits of a SHA-256 digest, enough to tell two versions of the law apart on screen. */
function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

function Person({ personId }: { personId: string }) {
  const { t, fmt } = useI18n();
  const countryName = useCountryNames();
  const person = useApi<PersonRecord>(`/api/persons/${personId}`);
  return (
    <Loaded state={person}>{(p) => {
      if (!p.data) return <p>{t('case.personErased')}</p>;
      const d = p.data;
      const rows: Array<[string, string]> = [
        [t('case.name'), `${d.givenNames} ${d.familyName}`],
        [t('case.nationality'), d.nationality === 'XX' ? t('facts.stateless') : `${countryName(d.nationality)} (${d.nationality})`],
      ];
      if (d.birthDate) rows.push([t('case.birthDate'), fmt.date(d.birthDate)]);
      if (d.assessedAge) rows.push([t('case.assessedAge'), t('case.assessedAgeValue', { years: fmt.number(d.assessedAge.years), date: fmt.date(d.assessedAge.on) })]);
      if (d.sex) rows.push([t('case.sex'), d.sex]);
      if (d.languages?.length) rows.push([t('case.languages'), d.languages.join(', ')]);
      if (d.unaccompaniedMinor !== undefined && d.unaccompaniedMinor !== null) rows.push([t('facts.unaccompaniedMinor'), d.unaccompaniedMinor ? t('facts.yes') : t('facts.no')]);
      if (d.vulnerabilities) rows.push([t('case.vulnerabilities'), d.vulnerabilities.length ? d.vulnerabilities.join(', ') : t('case.noneAssessed')]);
      return (
        <>
          <dl className="facts">{rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
          <p className="muted">{t('case.personLogged')}</p>
        </>
      );
    }}</Loaded>
  );
}

function Deadlines({ caseId, index }: { caseId: string; index: CitationIndex | null }) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const deadlines = useApi<CaseDeadlines>(`/api/cases/${caseId}/deadlines`);
  return (
    <Loaded state={deadlines}>{(d) => (
      <>
        {d.current.length === 0 ? <p>{t('case.noDeadlines')}</p> : (
          <table>
            <caption>{t('case.currentDeadlines')}</caption>
            <thead><tr><th scope="col">{t('finding.deadline')}</th><th scope="col">{t('finding.date')}</th><th scope="col">{t('case.party')}</th><th scope="col">{t('law.basis')}</th></tr></thead>
            <tbody>
              {d.current.map((x) => (
                <tr key={x.name}>
                  <th scope="row">{label(DEADLINE_LABELS, x.name)}</th>
                  <td>{fmt.date(x.dueOn)}</td>
                  <td>{x.party === 'authority' ? t('case.partyAuthority') : t('case.partyPerson')}</td>
                  <td><Citations basis={linkCitations(x.basis, index)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.ended.length > 0 && (
          <table>
            <caption>{t('case.endedDeadlines')}</caption>
            <thead><tr><th scope="col">{t('finding.deadline')}</th><th scope="col">{t('finding.date')}</th><th scope="col">{t('case.deadlineOutcome')}</th></tr></thead>
            <tbody>
              {d.ended.map((x) => (
                <tr key={`${x.name}:${x.endedOn}`}>
                  <th scope="row">{label(DEADLINE_LABELS, x.name)}</th>
                  <td>{fmt.date(x.dueOn)}</td>
                  <td>
                    <span className={`badge ${x.outcome === 'missed' ? 'badge-no' : x.outcome === 'met' ? 'badge-yes' : 'badge-uncertain'}`}>{label(DEADLINE_OUTCOMES, x.outcome)}</span>
                    {' '}{t('case.endedOn', { date: fmt.date(x.endedOn) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    )}</Loaded>
  );
}

/**
 * Every finding of the law engine on `on` (GET …/findings), grouped by family; the next steps read
 * for the same day say which findings they consult. Citations are linked through the law catalogue of
 * that day (today's is given).
 */
function Findings({ caseId, on, next, todayIndex, onDate }: { caseId: string; on: string; next: TransitionsView | null; todayIndex: CitationIndex | null; onDate(on: string): void }) {
  const { t, fmt } = useI18n();
  const countryName = useCountryNames();
  const id = useId();
  const label = useLabel();
  const state = useApi<CaseFindingsView>(`/api/cases/${caseId}/findings`, { on });
  const isToday = on === todayIso();
  const catalog = useApi<LawCatalog>(isToday ? null : '/api/law/rules', { on });
  const index = isToday ? todayIndex : catalog.status === 'ready' ? citationIndex(catalog.data) : null;
  return (
    <>
      <div className="toolbar"><DateField label={t('case.findingsDate')} value={on} onChange={onDate} /></div>
      <Loaded state={state}>{(view) => {
        const groups = groupFindings(view, next);
        const regime = view.regime ? REGIMES[view.regime] : undefined;
        const law = { law: shortDigest(view.law.lawDigest), engine: shortDigest(view.law.engineDigest) };
        return (
          <>
            <p>{t('case.findingsOn', { date: fmt.date(view.on) })}{view.regime ? ` · ${t('finding.regime')}: ${regime ? t(regime) : view.regime}` : ''}</p>
            {view.assessmentErrors.length > 0 && (
              <div className="problem" role="alert">
                <p>{t('case.notAssessable')}</p>
                <ul>{view.assessmentErrors.map((e) => <li key={e.path}><code>{e.path}</code>: {e.message}</li>)}</ul>
              </div>
            )}
            {groups.length === 0 ? <p>{t('case.noFindings')}</p> : groups.map((group) => (
              <section key={group.family} aria-labelledby={`${id}-${group.family}`}>
                <h3 id={`${id}-${group.family}`}>{t(FAMILIES[group.family])}</h3>
                <ol className="findings">
                  {group.findings.map((f) => (
                    <li key={f.key} className="card">
                      <h4>
                        {QUESTIONS[f.question] ? t(QUESTIONS[f.question]!) : f.question}
                        {f.country && ` — ${countryName(f.country)} (${f.country})`}
                        {f.agreement && ` — ${t('finding.agreement', { id: f.agreement })}`}
                      </h4>
                      <p>{t('finding.outcome')}: <OutcomeBadge outcome={f.outcome} /> <code className="muted">{f.question}</code></p>
                      {f.because.length > 0 && <><h5>{t('finding.because')}</h5><ul>{f.because.map((b) => <li key={b}>{b}</li>)}</ul></>}
                      <h5>{t('law.basis')}</h5>
                      <Citations basis={linkCitations(f.basis, index)} />
                      {f.rule && <p className="muted">{t('case.ruleVersion', { rule: f.rule.id, date: fmt.date(f.rule.version) })}</p>}
                      {f.steps.length > 0 && <p>{t('case.findingSteps', { steps: f.steps.map((s) => stepName(t, s)).join(' · ') })}</p>}
                    </li>
                  ))}
                </ol>
              </section>
            ))}
            {view.deadlines.length > 0 && (
              <table>
                <caption>{t('finding.deadlines')}</caption>
                <thead><tr><th scope="col">{t('finding.deadline')}</th><th scope="col">{t('finding.date')}</th><th scope="col">{t('law.basis')}</th></tr></thead>
                <tbody>
                  {view.deadlines.map((d) => (
                    <tr key={d.name}><th scope="row">{label(DEADLINE_LABELS, d.name)}</th><td>{fmt.date(d.date)}</td><td><Citations basis={linkCitations(d.basis, index)} /></td></tr>
                  ))}
                </tbody>
              </table>
            )}
            {!view.reasonsShown && <p className="muted">{t('case.reasonsHidden')}</p>}
            <p className="muted">
              {view.law.registryRevision === null ? t('case.lawVersionDefaults', law) : t('case.lawVersion', { ...law, revision: fmt.number(view.law.registryRevision) })}
            </p>
            <p className="muted">{t('finding.engineLanguage')}</p>
          </>
        );
      }}</Loaded>
    </>
  );
}

function Decide({ record, etag, view, onChanged }: { record: CaseRecord; etag: string | null; view: TransitionsView; onChanged(result?: TransitionResult): void }) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const { api } = useSession();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const pending = view.pending!;
  const decide = (verdict: 'approve' | 'reject') => async (event?: FormEvent) => {
    event?.preventDefault();
    if (reason.trim().length < 3) return setProblem({ status: 0, code: 'VALIDATION_FAILED', title: '', detail: t('step.missing', { fields: 'reason' }), requestId: null, errors: [] });
    setSending(true);
    try {
      const { data } = await api.send<TransitionResult>('POST', `/api/cases/${record.id}/transitions/${pending.id}/${verdict}`, { reason: reason.trim() }, { ifMatch: etag ?? `"${record.version}"` });
      setProblem(null);
      onChanged(data);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSending(false);
    }
  };
  return (
    <section aria-labelledby={`${id}-title`} className="conflict">
      <h2 id={`${id}-title`}>{t('case.pending')}</h2>
      <p>{t('case.pendingText', { step: stepName(t, pending.transition), stage: label(STAGE_LABELS, pending.to), who: pending.proposedBy, date: fmt.dateTime(pending.proposedAt) })}</p>
      <p>{t('step.reason')}: {pending.reason}</p>
      {pending.mayDecide ? (
        <form onSubmit={(e) => void decide('approve')(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('case.decisionReason')}</label>
            <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit" disabled={sending}>{t('case.approve')}</button>
            <button type="button" disabled={sending} onClick={() => void decide('reject')()}>{t('case.reject')}</button>
          </div>
        </form>
      ) : <p className="muted">{t('case.mayNotDecide', { why: pending.refusal ?? '' })}</p>}
      <div aria-live="polite">{problem && <ProblemMessage problem={problem} />}</div>
    </section>
  );
}

function Steps({ record, etag, view, index, onChanged }: { record: CaseRecord; etag: string | null; view: TransitionsView; index: CitationIndex | null; onChanged(result?: TransitionResult): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const steps = stepsOf(view);
  const open = steps.filter((s) => s.available);
  const refused = steps.filter((s) => !s.available);
  return (
    <>
      {view.pending && <Decide record={record} etag={etag} view={view} onChanged={onChanged} />}
      <TakeStep record={record} etag={etag} steps={open} onChanged={onChanged} />
      {refused.length > 0 && (
        <>
          <h3>{t('step.notNow')}</h3>
          <ul className="cards">
            {refused.map((s) => (
              <li key={s.key}>
                <h4>{stepName(t, s.transition, s.label)}{Object.values(s.subject).length ? ` (${Object.values(s.subject).join(', ')})` : ''} → {label(STAGE_LABELS, s.to)}</h4>
                <ul>
                  {s.reasons.map((r, i) => (
                    <li key={`${r.code}:${i}`}>
                      <strong>{REASONS[r.code] ? t(REASONS[r.code]!) : r.code}</strong>{' '}
                      {r.code === 'FORBIDDEN' ? t('step.forbiddenText', { action: r.message }) : r.code === 'PENDING' ? t('step.pendingText', { step: stepName(t, r.message) }) : r.message}
                      {r.because.length > 0 && <ul>{r.because.map((b) => <li key={b}>{b}</li>)}</ul>}
                      <Citations basis={linkCitations(r.basis, index)} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function History({ caseId }: { caseId: string }) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const events = useApi<AuditEvent[]>(`/api/cases/${caseId}/events`);
  return (
    <Loaded state={events}>{(list) => (
      <div className="table-scroll">
        <table>
          <caption>{t('case.historyCaption', { n: fmt.number(list.length) })}</caption>
          <thead><tr><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('case.change')}</th><th scope="col">{t('audit.reason')}</th></tr></thead>
          <tbody>
            {[...list].reverse().map((e) => {
              const from = typeof e.data.from === 'string' ? e.data.from : null;
              const to = typeof e.data.to === 'string' ? e.data.to : null;
              const transition = typeof e.data.transition === 'string' ? e.data.transition : null;
              return (
                <tr key={e.seq}>
                  <td>{fmt.dateTime(e.at)}</td>
                  <td>{e.actorId}</td>
                  <td><code>{e.action}</code>{transition && <> {stepName(t, transition)}</>}</td>
                  <td>{from && to ? `${label(STAGE_LABELS, from)} → ${label(STAGE_LABELS, to)}` : '—'}</td>
                  <td>{e.reason ?? '—'}{e.legalBasis.length > 0 && <ul className="citations">{e.legalBasis.map((b) => <li key={b}>{b}</li>)}</ul>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}</Loaded>
  );
}

export default function CaseScreen({ params }: ScreenProps) {
  const { t, fmt } = useI18n();
  const label = useLabel();
  const { location, navigate } = useRouter();
  const id = params.id ?? '';
  const requested = location.search.get('on');
  const on = requested && isIsoDay(requested) ? requested : todayIso();
  const caseState = useApi<CaseRecord>(`/api/cases/${encodeURIComponent(id)}`);
  const ready = caseState.status === 'ready' ? caseState.data : null;
  // Nothing else is asked before the case itself is readable: a refused case shows one problem, not six.
  const view = useApi<TransitionsView>(ready ? `/api/cases/${ready.id}/transitions` : null);
  const catalog = useApi<LawCatalog>(ready ? '/api/law/rules' : null, { on: todayIso() });
  const index = catalog.status === 'ready' ? citationIndex(catalog.data) : null;
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState<TransitionResult | null>(null);
  const changed = (result?: TransitionResult) => {
    setNotice(result ?? null);
    caseState.reload();
    view.reload();
    setRound((n) => n + 1);
  };

  if (caseState.status !== 'ready') {
    return (
      <>
        <PageTitle>{t('case.titleUnknown')}</PageTitle>
        <p><Link to="/queue">{t('case.back')}</Link></p>
        {caseState.status === 'loading' ? <Loading /> : <ProblemMessage problem={caseState.problem} onRetry={caseState.reload} />}
      </>
    );
  }
  const c = caseState.data;
  return (
    <>
      <PageTitle>{t('case.title', { reference: c.reference })}</PageTitle>
      <p><Link to="/queue">{t('case.back')}</Link></p>
      <div aria-live="polite">
        {notice && (
          <p role="status" className="card">
            {notice.status === 'pending' ? t('step.proposed', { step: stepName(t, notice.transition.transition) })
              : notice.status === 'rejected' ? t('case.rejected', { step: stepName(t, notice.transition.transition) })
                : t('step.taken', { step: stepName(t, notice.transition.transition), stage: label(STAGE_LABELS, notice.case.stage) })}
          </p>
        )}
      </div>
      <section aria-labelledby="case-summary">
        <h2 id="case-summary">{t('case.summary')}</h2>
        <dl className="facts">
          <div><dt>{t('queue.stage')}</dt><dd><strong>{label(STAGE_LABELS, c.stage)}</strong></dd></div>
          <div><dt>{t('queue.kind')}</dt><dd>{label(KIND_LABELS, c.kind)}</dd></div>
          <div><dt>{t('queue.assignedTo')}</dt><dd>{c.assignedTo ?? t('queue.unassigned')}</dd></div>
          <div><dt>{t('queue.unit')}</dt><dd>{c.unitId ?? '—'}</dd></div>
          <div><dt>{t('queue.opened')}</dt><dd>{fmt.dateTime(c.openedAt)} · {c.openedBy}</dd></div>
          <div><dt>{t('case.version')}</dt><dd>{fmt.number(c.version)}</dd></div>
        </dl>
        <details>
          <summary>{t('case.facts')}</summary>
          <pre>{JSON.stringify(c.facts, null, 2)}</pre>
        </details>
      </section>
      <section aria-labelledby="case-person">
        <h2 id="case-person">{t('case.person')}</h2>
        {c.allowed.includes('read-person') ? <Person personId={c.personId} /> : <p className="muted">{t('case.personHidden')}</p>}
      </section>
      <section aria-labelledby="case-deadlines">
        <h2 id="case-deadlines">{t('finding.deadlines')}</h2>
        <Deadlines key={round} caseId={c.id} index={index} />
      </section>
      <section aria-labelledby="case-findings">
        <h2 id="case-findings">{t('case.findings')}</h2>
        <Findings key={round} caseId={c.id} on={on} next={view.status === 'ready' ? view.data : null} todayIndex={index}
          onDate={(date) => navigate(`/cases/${encodeURIComponent(c.id)}?on=${date}`, { replace: true })} />
      </section>
      <section aria-labelledby="case-steps">
        <h2 id="case-steps">{t('case.steps')}</h2>
        <Loaded state={view}>{(v) => <Steps record={c} etag={caseState.etag} view={v} index={index} onChanged={changed} />}</Loaded>
      </section>
      <section aria-labelledby="case-history">
        <h2 id="case-history">{t('case.history')}</h2>
        <History key={round} caseId={c.id} />
      </section>
    </>
  );
}
