/**
 * @module web/screens/law/findings
 * An assessment as the law engine answered it: each finding's question, the country or agreement it
 * is about, the outcome, the "because" and the legal basis; the deadlines; and, when asked for, the
 * evaluation trace (rules fired, versions, parameters read with their citations, inputs).
 */
import type { Assessment, Outcome, TraceNode } from '../../api/types.ts';
import { Citations } from '../../components/citations.tsx';
import { useCountryNames, useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';

const QUESTIONS: Record<string, MessageKey> = {
  'sco-presumption': 'question.scoPresumption',
  'stc-inadmissibility': 'question.stcInadmissibility',
  'fca-inadmissibility': 'question.fcaInadmissibility',
  'subsequent-inadmissibility': 'question.subsequentInadmissibility',
  'accelerated-procedure': 'question.acceleratedProcedure',
  'border-procedure-allowed': 'question.borderProcedureAllowed',
  'border-procedure-mandatory': 'question.borderProcedureMandatory',
  'appeal-suspensive': 'question.appealSuspensive',
  'offshore-processing': 'question.offshoreProcessing',
  'return-hub-transfer': 'question.returnHubTransfer',
  'one-to-one-return': 'question.oneToOneReturn',
  removal: 'question.removal',
  'access-to-procedure': 'question.accessToProcedure',
};

const OUTCOMES: Record<Outcome, MessageKey> = { yes: 'outcome.yes', no: 'outcome.no', review: 'outcome.review', uncertain: 'outcome.uncertain' };

const DEADLINES: Record<string, MessageKey> = {
  registration: 'deadline.registration', lodging: 'deadline.lodging', 'admissibility-decision': 'deadline.admissibilityDecision',
  'accelerated-decision': 'deadline.acceleratedDecision', 'border-procedure-end': 'deadline.borderProcedureEnd',
  'return-border-procedure-end': 'deadline.returnBorderProcedureEnd', 'appeal-lodging': 'deadline.appealLodging',
  'voluntary-departure-end': 'deadline.voluntaryDepartureEnd', 'detention-maximum': 'deadline.detentionMaximum',
};

const REGIMES: Record<string, MessageKey> = { 'apd-2013': 'regime.apd2013', 'apr-2024': 'regime.apr2024' };

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const { t } = useI18n();
  return <span className={`badge badge-${outcome}`}>{t(OUTCOMES[outcome])}</span>;
}

function TraceTree({ nodes }: { nodes: TraceNode[] }) {
  const { t, fmt } = useI18n();
  return (
    <ul className="trace">
      {nodes.map((node, i) => (
        <li key={`${node.rule}:${i}`}>
          <details>
            <summary><code>{node.rule}</code>{node.version ? ` · ${t('law.versionInForce', { date: fmt.date(node.version) })}` : ''}{node.result?.outcome ? ' · ' : ''}{node.result?.outcome && <OutcomeBadge outcome={node.result.outcome} />}</summary>
            {node.basis && <Citations basis={node.basis} />}
            {node.parameters && node.parameters.length > 0 && (
              <>
                <h4>{t('trace.parameters')}</h4>
                <ul>
                  {node.parameters.map((p) => (
                    <li key={p.id}><code>{p.id}</code> = {JSON.stringify(p.value)}{p.from ? ` (${t('law.since')} ${fmt.date(p.from)})` : ''}{p.reference && <Citations basis={p.reference} />}</li>
                  ))}
                </ul>
              </>
            )}
            {node.inputs && Object.keys(node.inputs).length > 0 && (
              <><h4>{t('trace.inputs')}</h4><pre>{JSON.stringify(node.inputs, null, 2)}</pre></>
            )}
            {node.result?.because && node.result.because.length > 0 && (
              <><h4>{t('finding.because')}</h4><ul>{node.result.because.map((b) => <li key={b}>{b}</li>)}</ul></>
            )}
            {node.children && node.children.length > 0 && <TraceTree nodes={node.children} />}
          </details>
        </li>
      ))}
    </ul>
  );
}

export function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { t, fmt } = useI18n();
  const countryName = useCountryNames();
  const regime = REGIMES[assessment.regime];
  return (
    <section aria-labelledby="findings-title" className="assessment">
      <h2 id="findings-title">{t('finding.title', { date: fmt.date(assessment.assessedOn) })}</h2>
      <p>{t('finding.regime')}: <strong>{regime ? t(regime) : assessment.regime}</strong></p>
      <p className="muted">{t('finding.engineLanguage')}</p>
      <ol className="findings">
        {assessment.findings.map((f, i) => {
          const question = QUESTIONS[f.question];
          return (
            <li key={`${f.question}:${f.country ?? f.agreement ?? ''}:${i}`} className="card">
              <h3>
                {question ? t(question) : f.question}
                {f.country && ` — ${countryName(f.country)} (${f.country})`}
                {f.agreement && ` — ${t('finding.agreement', { id: f.agreement })}`}
              </h3>
              <p>{t('finding.outcome')}: <OutcomeBadge outcome={f.outcome} /> <code className="muted">{f.question}</code></p>
              {f.because.length > 0 && (
                <>
                  <h4>{t('finding.because')}</h4>
                  <ul>{f.because.map((b) => <li key={b}>{b}</li>)}</ul>
                </>
              )}
              <h4>{t('law.basis')}</h4>
              <Citations basis={f.basis} />
            </li>
          );
        })}
      </ol>
      <h3>{t('finding.deadlines')}</h3>
      {assessment.deadlines.length === 0 ? <p>{t('finding.noDeadlines')}</p> : (
        <table>
          <thead><tr><th scope="col">{t('finding.deadline')}</th><th scope="col">{t('finding.date')}</th><th scope="col">{t('law.basis')}</th></tr></thead>
          <tbody>
            {assessment.deadlines.map((d) => {
              const name = DEADLINES[d.name];
              return <tr key={d.name}><td>{name ? t(name) : d.name}</td><td>{fmt.date(d.date)}</td><td><Citations basis={d.basis} /></td></tr>;
            })}
          </tbody>
        </table>
      )}
      {assessment.trace && (
        <>
          <h3>{t('trace.title')}</h3>
          <TraceTree nodes={assessment.trace} />
        </>
      )}
    </section>
  );
}
