import { createContext, useContext } from 'react'
import type { Label, Locale } from './i18n.js'

/** The trace of a figure shown on a page: how it was computed, from which inputs, answered by which route. */
export type Trace = {
  title: string
  value: string
  formula: string
  inputs: [string, string][]
  source: string
  /** An asset's full trace (GET /api/assets/{key}/explanation) when the figure is one asset's. */
  asset?: string
  /** Calculation lines behind the figure (a digital service's tier: one line per component and phase). */
  lines?: TraceLine[]
}

export type TraceLine = { label: string; value: string; formula: string; inputs: string[] }

export type DashboardContext = {
  locale: Locale
  t: (key: Label) => string
  /** Labels of ids (domains, phases…), falling back to the id. */
  label: (id: string) => string
  campaign: number | null
  explain: (trace: Trace) => void
  /** The signed-in user may validate or send back organisations' data (permission review-campaigns). */
  canReview: boolean
}

export const Dashboard = createContext<DashboardContext | null>(null)

export function useDashboard(): DashboardContext {
  const context = useContext(Dashboard)
  if (context === null) throw new Error('useDashboard outside <Dashboard.Provider>')
  return context
}
