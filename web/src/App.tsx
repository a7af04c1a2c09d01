import { useCallback, useEffect, useMemo, useState } from 'react'
import { Dashboard, type DashboardContext, type Trace } from './context.js'
import { translate, DICTIONARIES, type Label, type Locale } from './i18n.js'
import { TracePanel } from './TracePanel.js'
import { SignIn } from './SignIn.js'
import { api, ApiError, type SessionUser } from './api.js'
import { OverviewPage } from './pages/OverviewPage.js'
import { OrganisationsPage } from './pages/OrganisationsPage.js'
import { QualityPage } from './pages/QualityPage.js'
import { ScenariosPage } from './pages/ScenariosPage.js'
import { ImportPage } from './pages/ImportPage.js'
import { ServicesPage } from './pages/ServicesPage.js'
import { CampaignPage } from './pages/CampaignPage.js'
import { ActionsPage } from './pages/ActionsPage.js'

const PAGES = ['overview', 'organisations', 'quality', 'scenarios', 'actions', 'services', 'campaigns', 'import'] as const
type Page = (typeof PAGES)[number]

const pageFromHash = (): Page => {
  const name = window.location.hash.replace(/^#\/?/, '')
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'overview'
}

const initialLocale = (): Locale => {
  const saved = window.localStorage.getItem('empreinte.locale')
  if (saved === 'fr' || saved === 'en') return saved
  return window.navigator.language.startsWith('fr') ? 'fr' : 'en'
}

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale)
  const [page, setPage] = useState<Page>(pageFromHash)
  const [trace, setTrace] = useState<Trace | null>(null)
  // Every page reloads after an import (new figures), through this counter in their load keys.
  const [revision, setRevision] = useState(0)
  // undefined: not known yet; null: nobody signed in (the API answered 401).
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined)
  useEffect(() => {
    api.session().then(setUser, (error: unknown) => {
      // A server without sign-in (no /api/session route) lets everyone in.
      setUser(error instanceof ApiError && error.status === 401 ? null : { login: '', displayName: '', role: '' })
    })
  }, [])
  useEffect(() => {
    const onHash = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    document.documentElement.lang = locale
    window.localStorage.setItem('empreinte.locale', locale)
  }, [locale])
  const context = useMemo<DashboardContext>(
    () => ({
      locale,
      t: (key: Label) => DICTIONARIES[locale][key],
      label: (id: string) => translate(locale, id),
      campaign: null,
      explain: setTrace,
      // Analysts and administrators review campaigns (docs/access-control.md); a server without sign-in
      // (role '') lets everyone act.
      canReview: user !== null && user !== undefined && ['administrator', 'analyst', ''].includes(user.role),
    }),
    [locale, user],
  )
  const onImported = useCallback(() => setRevision((value) => value + 1), [])
  return (
    <Dashboard.Provider value={context}>
      <header className="top">
        <h1>{context.t('appTitle')}</h1>
        <nav>
          {PAGES.map((name) => (
            <a key={name} href={`#/${name}`} className={name === page ? 'active' : ''} data-testid={`nav-${name}`}>
              {context.t(name)}
            </a>
          ))}
        </nav>
        {user && user.login && (
          <button
            type="button"
            className="sign-out"
            onClick={() => void api.signOut().then(() => setUser(null))}
          >
            {user.displayName || user.login} · {context.t('signOut')}
          </button>
        )}
        <label className="language">
          {context.t('language')}{' '}
          <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)} data-testid="language">
            <option value="en">English</option>
            <option value="fr">Français</option>
          </select>
        </label>
      </header>
      <main>
        {user === undefined && <p className="loading">{context.t('loading')}</p>}
        {user === null && <SignIn t={context.t} onSignedIn={setUser} />}
        {user && page === 'overview' && <OverviewPage revision={revision} />}
        {user && page === 'organisations' && <OrganisationsPage revision={revision} />}
        {user && page === 'quality' && <QualityPage revision={revision} />}
        {user && page === 'scenarios' && <ScenariosPage revision={revision} />}
        {user && page === 'actions' && <ActionsPage revision={revision} />}
        {user && page === 'services' && <ServicesPage />}
        {user && page === 'campaigns' && <CampaignPage revision={revision} />}
        {user && page === 'import' && <ImportPage onImported={onImported} />}
      </main>
      <TracePanel trace={trace} onClose={() => setTrace(null)} />
    </Dashboard.Provider>
  )
}
