import { useState } from 'react'
import { api, type SessionUser } from './api.js'
import type { Label } from './i18n.js'

/** The sign-in form shown when the API answers 401 (docs/access-control.md). */
export function SignIn(props: { t: (key: Label) => string; onSignedIn: (user: SessionUser) => void }) {
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="card sign-in"
      data-testid="sign-in"
      onSubmit={(event) => {
        event.preventDefault()
        api.signIn(login, password).then(props.onSignedIn, (caught: Error) => setError(caught.message))
      }}
    >
      <h2>{props.t('signIn')}</h2>
      <label>
        {props.t('login')} <input name="login" autoComplete="username" value={login} onChange={(event) => setLogin(event.target.value)} />
      </label>
      <label>
        {props.t('password')}{' '}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit">{props.t('signIn')}</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
