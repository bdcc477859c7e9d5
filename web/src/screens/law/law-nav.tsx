/**
 * @module web/screens/law/law-nav
 * The Law screens' own navigation: the law in force on a date, and the assessment of facts.
 */
import { useI18n } from '../../i18n/i18n.tsx';
import { Link, useRouter } from '../../router/router.tsx';

export function LawNav({ on }: { on: string }) {
  const { t } = useI18n();
  const { location } = useRouter();
  const items = [{ path: '/law', label: t('law.inForce') }, { path: '/law/assess', label: t('assess.title') }];
  return (
    <nav aria-label={t('law.sections')} className="subnav">
      <ul>
        {items.map((i) => <li key={i.path}><Link to={`${i.path}?on=${on}`} aria-current={location.path === i.path ? 'page' : undefined}>{i.label}</Link></li>)}
      </ul>
    </nav>
  );
}
