/**
 * @module web/components/citations
 * The legal basis of a rule, parameter or finding: each citation as written by the law package,
 * linked to its source when it has one.
 */
import type { Citation } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Citations({ basis, label }: { basis: Array<Citation | string>; label?: string }) {
  const { t } = useI18n();
  if (basis.length === 0) return null;
  return (
    <ul className="citations" aria-label={label ?? t('law.basis')}>
      {basis.map((c, i) => {
        const citation = typeof c === 'string' ? { title: c } : c;
        return <li key={`${citation.title}:${i}`}>{citation.href ? <a href={citation.href} rel="noreferrer" target="_blank">{citation.title}</a> : citation.title}</li>;
      })}
    </ul>
  );
}
