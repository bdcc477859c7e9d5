/**
 * @module web/screens/home/home-screen
 * Where a signed-in user lands: the screens their permissions open, each with what it is for.
 */
import { useSession } from '../../auth/session.tsx';
import { PageTitle } from '../../components/page-title.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages/en.ts';
import { Link } from '../../router/router.tsx';
import { mayOpen, ROUTES } from '../../routes.ts';

const PURPOSE: Record<string, MessageKey> = { law: 'home.law', countries: 'home.countries', audit: 'home.audit' };

export default function HomeScreen() {
  const { t } = useI18n();
  const session = useSession();
  const name = session.state.status === 'signed-in' ? session.state.me.displayName : '';
  const screens = ROUTES.filter((r) => r.nav && mayOpen(r, session.can));
  return (
    <>
      <PageTitle>{t('home.title')}</PageTitle>
      <p>{t('home.welcome', { name })}</p>
      <p>{t('home.support')}</p>
      {screens.length > 0 ? (
        <ul className="cards">
          {screens.map((r) => (
            <li key={r.id}><Link to={r.path}>{t(r.title)}</Link>{PURPOSE[r.id] && <p>{t(PURPOSE[r.id]!)}</p>}</li>
          ))}
        </ul>
      ) : <p>{t('home.nothing')}</p>}
    </>
  );
}
