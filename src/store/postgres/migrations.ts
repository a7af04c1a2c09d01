/**
 * Forward-only migrations of the PostgreSQL workspace. Never edit a released migration: add one.
 * The tables and columns mean exactly what the DuckDB adapter's do (src/store/duckdb/migrations.ts, same names,
 * same order), so `empreinte migrate` can copy a workspace either way column by column.
 * - Measures are DOUBLE PRECISION: PostgreSQL sums REAL in 4-byte floats (+3.4 % on 36.5 M rows, engines.md).
 * - Every table holding rows of an organisation carries organisation_id first in its key or index, so it can be
 *   distributed with Citus on that column (docs/postgresql.md, citus.sql); the small dictionaries are keyed by id
 *   and become reference tables.
 */
export type Migration = { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace',
    sql: `
-- Reference tables (small, read by every query: replicated to every node under Citus).
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY, parent_id INTEGER, name TEXT NOT NULL, path TEXT NOT NULL UNIQUE, depth INTEGER NOT NULL);
CREATE TABLE campaign (
  id INTEGER PRIMARY KEY, year INTEGER NOT NULL UNIQUE, reference_day INTEGER NOT NULL,
  assets_revision BIGINT NOT NULL DEFAULT 0, reconciled_revision BIGINT DEFAULT -1);
CREATE TABLE import (
  id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, file_name TEXT NOT NULL, format TEXT NOT NULL,
  kind TEXT NOT NULL, checksum TEXT NOT NULL, encoding TEXT NOT NULL, delimiter TEXT NOT NULL,
  organisation_path TEXT, rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL,
  rows_quarantined INTEGER NOT NULL, rows_imputed INTEGER NOT NULL,
  imported_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0), header TEXT, source TEXT, replaced_by INTEGER, options TEXT);
CREATE INDEX import_campaign ON import (campaign_id, checksum);
CREATE TABLE model (id INTEGER PRIMARY KEY, category TEXT NOT NULL, manufacturer TEXT, model TEXT);
CREATE TABLE country (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE criterion (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);
CREATE TABLE computation (
  campaign_id INTEGER PRIMARY KEY, referential TEXT NOT NULL, revision BIGINT NOT NULL,
  computed_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0));
CREATE TABLE model_result (
  campaign_id INTEGER NOT NULL, model_id INTEGER NOT NULL, reference_item TEXT NOT NULL, matched_by TEXT NOT NULL,
  confidence DOUBLE PRECISION, PRIMARY KEY (campaign_id, model_id));
CREATE TABLE mapping_rule (
  id INTEGER PRIMARY KEY, pattern TEXT NOT NULL UNIQUE, reference_item TEXT, category TEXT,
  lifetime_years DOUBLE PRECISION, annual_kwh DOUBLE PRECISION, utilisation_rate DOUBLE PRECISION, note TEXT,
  updated_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0));

-- Rows of an organisation (distributed by organisation_id under Citus).
CREATE TABLE site (
  id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (organisation_id, id));
-- Small enumerations are SMALLINT codes (src/store/duckdb/codes.ts). Asset ids are allocated by the writer
-- holding the writers' lock (sql.ts lockWriters); the key leads with the organisation.
CREATE TABLE asset (
  id INTEGER NOT NULL, campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL,
  line INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL, domain SMALLINT NOT NULL, datacenter TEXT,
  serial TEXT, hostname TEXT, quantity DOUBLE PRECISION NOT NULL, purchase_day INTEGER, retirement_day INTEGER,
  lifetime_years DOUBLE PRECISION, annual_kwh DOUBLE PRECISION, utilisation_rate DOUBLE PRECISION, ownership SMALLINT,
  country_id INTEGER NOT NULL, status SMALLINT NOT NULL, imputed INTEGER NOT NULL, merged_into INTEGER,
  PRIMARY KEY (organisation_id, id));
CREATE INDEX asset_campaign ON asset (campaign_id, import_id);
CREATE INDEX asset_id ON asset (id);
CREATE TABLE datacenter (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  short_name TEXT NOT NULL, long_name TEXT, pue DOUBLE PRECISION, country TEXT NOT NULL);
CREATE INDEX datacenter_key ON datacenter (organisation_id, campaign_id, short_name);
-- Results at the grain the breakdowns need (organisation × site × model × domain), see the DuckDB migration.
CREATE TABLE result_group (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL,
  domain SMALLINT NOT NULL, assets INTEGER NOT NULL, quantity DOUBLE PRECISION NOT NULL,
  annual_kwh DOUBLE PRECISION NOT NULL, lifetime_years_sum DOUBLE PRECISION NOT NULL);
CREATE INDEX result_group_key ON result_group (organisation_id, campaign_id);
CREATE TABLE result_impact (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL,
  domain SMALLINT NOT NULL, criterion_id INTEGER NOT NULL, manufacturing DOUBLE PRECISION NOT NULL,
  distribution DOUBLE PRECISION NOT NULL, use DOUBLE PRECISION NOT NULL, end_of_life DOUBLE PRECISION NOT NULL);
CREATE INDEX result_impact_key ON result_impact (organisation_id, campaign_id);
CREATE TABLE asset_usage (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER,
  observed_days INTEGER NOT NULL, powered_hours_per_year DOUBLE PRECISION NOT NULL,
  active_hours_per_year DOUBLE PRECISION);
CREATE INDEX asset_usage_key ON asset_usage (organisation_id, campaign_id, asset_id);
CREATE TABLE virtual_equipment (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, physical_equipment TEXT, physical_equipment_source TEXT, infrastructure_type TEXT NOT NULL,
  quantity DOUBLE PRECISION NOT NULL, allocation_share DOUBLE PRECISION, vcpu DOUBLE PRECISION, cluster TEXT,
  annual_kwh DOUBLE PRECISION, type TEXT, storage_capacity DOUBLE PRECISION, provider TEXT, instance_type TEXT,
  location TEXT, average_load DOUBLE PRECISION, annual_usage_hours DOUBLE PRECISION, data_source TEXT, quality TEXT);
CREATE INDEX virtual_equipment_key ON virtual_equipment (organisation_id, campaign_id, import_id);
CREATE TABLE application (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, environment_type TEXT NOT NULL, virtual_equipment TEXT, virtual_equipment_source TEXT,
  domain TEXT, sub_domain TEXT, physical_equipment TEXT, data_source TEXT, quality TEXT);
CREATE INDEX application_key ON application (organisation_id, campaign_id, import_id);
CREATE TABLE non_it_operation (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, quantity DOUBLE PRECISION NOT NULL, type TEXT NOT NULL, lifetime_years DOUBLE PRECISION,
  location TEXT, datacenter TEXT, description TEXT, annual_kwh DOUBLE PRECISION, data_source TEXT, quality TEXT);
CREATE INDEX non_it_operation_key ON non_it_operation (organisation_id, campaign_id, import_id);
CREATE TABLE messaging (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  mails_sent DOUBLE PRECISION NOT NULL, mails_sent_times_recipients DOUBLE PRECISION NOT NULL,
  total_volume DOUBLE PRECISION NOT NULL, year INTEGER NOT NULL, month INTEGER NOT NULL);
CREATE INDEX messaging_key ON messaging (organisation_id, campaign_id, import_id);
CREATE TABLE entity (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name TEXT NOT NULL, staff_count DOUBLE PRECISION, manager TEXT, digital_manager TEXT);
CREATE INDEX entity_key ON entity (organisation_id, campaign_id, import_id);

-- Rows of an import (no organisation of their own: a quarantined row may not have a valid one). Distributed by
-- import_id under Citus, co-located with each other.
CREATE TABLE quarantine (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL, raw TEXT NOT NULL,
  reasons TEXT NOT NULL);
CREATE INDEX quarantine_key ON quarantine (import_id, line);
CREATE TABLE finding (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL, column_name TEXT,
  code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, value TEXT);
CREATE INDEX finding_key ON finding (import_id, line);
CREATE INDEX finding_campaign ON finding (campaign_id);
-- Daily power-state rows per device (the one huge table: partitioned by month and distributed by device in the
-- capacity plan, docs/postgresql.md).
CREATE TABLE telemetry (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, day DATE NOT NULL, device TEXT NOT NULL,
  powered_hours DOUBLE PRECISION NOT NULL, active_hours DOUBLE PRECISION);
CREATE INDEX telemetry_device ON telemetry (campaign_id, device);
-- Reconciliation across sources (see the DuckDB migration 4).
CREATE TABLE asset_provenance (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, field TEXT NOT NULL, source_asset_id INTEGER NOT NULL,
  import_id INTEGER NOT NULL);
CREATE INDEX asset_provenance_key ON asset_provenance (campaign_id, asset_id);
CREATE TABLE reconciliation_conflict (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, field TEXT NOT NULL, chosen TEXT,
  chosen_import_id INTEGER NOT NULL, other TEXT, other_import_id INTEGER NOT NULL);
CREATE INDEX reconciliation_conflict_key ON reconciliation_conflict (campaign_id, asset_id);
`,
  },
  {
    version: 2,
    name: 'electricity-override-and-audit',
    sql: `
-- Climate factors of electricity set by the user for an organisation subtree or a site (docs/electricity.md);
-- organisation_path '' with a site: that site name in any organisation. Workspace-wide: a reference table.
CREATE TABLE electricity_override (
  id INTEGER PRIMARY KEY, organisation_path TEXT NOT NULL, site TEXT, kg_co2e_per_kwh DOUBLE PRECISION NOT NULL,
  source TEXT NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP(0));
-- Who did what (docs/access-control.md): every import and change writes here. A reference table.
CREATE TABLE audit_event (
  id INTEGER PRIMARY KEY, at_ms BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT, organisation TEXT, details TEXT NOT NULL);
`,
  },
  {
    version: 3,
    name: 'access-plans-and-campaign-workflow',
    sql: `
-- Users, sessions, API tokens and login failures (docs/access-control.md; DuckDB migration 6). Only hashes of
-- secrets: passwords as argon2id encoded hashes, session/CSRF/API tokens as SHA-256 hex digests. Times are
-- milliseconds since 1970 (UTC). Workspace-wide: reference tables under Citus.
CREATE TABLE app_user (
  id INTEGER PRIMARY KEY, login TEXT NOT NULL, display_name TEXT NOT NULL, password_hash TEXT,
  role TEXT NOT NULL, organisation_path TEXT, created_ms BIGINT NOT NULL, disabled_ms BIGINT);
CREATE UNIQUE INDEX app_user_login ON app_user (lower(login));
CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, csrf_hash TEXT NOT NULL,
  created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE INDEX user_session_user ON user_session (user_id);
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL, name TEXT NOT NULL,
  created_ms BIGINT NOT NULL, expires_ms BIGINT, last_used_ms BIGINT, revoked_ms BIGINT);
CREATE TABLE login_failure (at_ms BIGINT NOT NULL, login TEXT NOT NULL, address TEXT NOT NULL);
CREATE INDEX login_failure_at ON login_failure (at_ms);

-- Saved scenarios, action plans and electricity tariffs (docs/scenarios.md, docs/action-plans.md; DuckDB
-- migration 7). Times in UTC. Workspace-wide: reference tables.
CREATE TABLE scenario (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT, levers TEXT NOT NULL,
  organisation_path TEXT, categories TEXT NOT NULL, sites TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  updated_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE UNIQUE INDEX scenario_name ON scenario (lower(name));
CREATE TABLE plan_action (
  id INTEGER PRIMARY KEY, lever TEXT NOT NULL, organisation_path TEXT, categories TEXT NOT NULL,
  sites TEXT NOT NULL, owner TEXT NOT NULL, start_day INTEGER NOT NULL, status TEXT NOT NULL,
  note TEXT, created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
  updated_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE electricity_tariff (
  organisation_path TEXT PRIMARY KEY, euros_per_kwh DOUBLE PRECISION NOT NULL, source TEXT);

-- The collection workflow of a campaign (docs/campaigns.md; DuckDB migration 8). Setups are campaign-wide (a
-- reference table); members, reviews, reminders, frozen results and the computed signatures are rows of an
-- organisation (distributed by organisation_id, which leads their keys).
CREATE TABLE campaign_setup (
  campaign_id INTEGER NOT NULL, version INTEGER NOT NULL, perimeter TEXT NOT NULL, referential TEXT NOT NULL,
  expected TEXT NOT NULL, state TEXT NOT NULL, opened_ms BIGINT NOT NULL, opened_by TEXT NOT NULL,
  closed_ms BIGINT, closed_by TEXT, frozen_referential TEXT, note TEXT, PRIMARY KEY (campaign_id, version));
CREATE TABLE campaign_member (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, headcount DOUBLE PRECISION, contact TEXT,
  expected TEXT NOT NULL);
CREATE INDEX campaign_member_key ON campaign_member (organisation_id, campaign_id);
CREATE TABLE campaign_review (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, decision TEXT NOT NULL, comment TEXT NOT NULL,
  actor TEXT NOT NULL, at_ms BIGINT NOT NULL, after_import INTEGER NOT NULL);
CREATE INDEX campaign_review_key ON campaign_review (organisation_id, campaign_id);
CREATE TABLE campaign_reminder (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, address TEXT, status TEXT NOT NULL,
  error TEXT, at_ms BIGINT NOT NULL);
CREATE INDEX campaign_reminder_key ON campaign_reminder (organisation_id, campaign_id);
CREATE TABLE campaign_result (
  campaign_id INTEGER NOT NULL, version INTEGER NOT NULL, organisation_id INTEGER NOT NULL, domain TEXT NOT NULL,
  quantity DOUBLE PRECISION NOT NULL, climate_kgco2e DOUBLE PRECISION NOT NULL);
CREATE INDEX campaign_result_key ON campaign_result (organisation_id, campaign_id, version);
-- organisation_id -1: the campaign's datacenters, -2: the electricity overrides (not organisations).
CREATE TABLE computation_organisation (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, signature TEXT NOT NULL,
  PRIMARY KEY (organisation_id, campaign_id));
`,
  },
  {
    version: 4,
    name: 'projects-and-rgesn',
    sql: `
-- IT projects, their estimate snapshots and RGESN self-assessment (docs/services.md; DuckDB migration 10).
-- Times are milliseconds since 1970 (UTC). Workspace-wide: reference tables under Citus.
CREATE TABLE project (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, owner TEXT NOT NULL, phase TEXT NOT NULL,
  service TEXT, service_file TEXT, created_ms BIGINT NOT NULL);
CREATE TABLE project_estimate (
  id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, phase TEXT NOT NULL, at_ms BIGINT NOT NULL,
  best_option TEXT NOT NULL, climate_kgco2e DOUBLE PRECISION NOT NULL,
  climate_kgco2e_per_user DOUBLE PRECISION NOT NULL, euros DOUBLE PRECISION NOT NULL, referential TEXT NOT NULL,
  comparison TEXT NOT NULL);
CREATE INDEX project_estimate_project ON project_estimate (project_id, at_ms);
CREATE TABLE rgesn_criterion (
  version TEXT NOT NULL, id TEXT NOT NULL, family TEXT NOT NULL, title TEXT NOT NULL, url TEXT,
  position INTEGER NOT NULL, loaded_ms BIGINT NOT NULL, PRIMARY KEY (version, id));
CREATE TABLE rgesn_answer (
  id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, criterion TEXT NOT NULL, answer TEXT NOT NULL,
  note TEXT, at_ms BIGINT NOT NULL);
CREATE INDEX rgesn_answer_project ON rgesn_answer (project_id, at_ms);
`,
  },
  {
    version: 5,
    name: 'campaign-evidence-and-referential-versions',
    sql: `
-- The DuckDB workspace's per-organisation evidence cache (DuckDB migration 11), so that \`empreinte migrate\` copies
-- every table both ways. The PostgreSQL campaign store counts evidence on the fly and does not fill it; the
-- DuckDB store recounts whenever campaign_evidence_state differs from the campaign's revisions, so a copied
-- cache is never read stale.
CREATE TABLE campaign_evidence (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, category TEXT, is_purchase BOOLEAN NOT NULL,
  source_units DOUBLE PRECISION NOT NULL, units DOUBLE PRECISION NOT NULL, assets BIGINT NOT NULL,
  serial_present BIGINT NOT NULL, purchase_date_present BIGINT NOT NULL, model_present BIGINT NOT NULL,
  imputed_assets BIGINT NOT NULL, implausible_assets BIGINT NOT NULL, duplicate_serial_assets BIGINT NOT NULL,
  unmatched_units DOUBLE PRECISION NOT NULL, result_models BIGINT NOT NULL, last_upload INTEGER NOT NULL,
  telemetry_devices BIGINT NOT NULL);
CREATE INDEX campaign_evidence_key ON campaign_evidence (organisation_id, campaign_id);
CREATE TABLE campaign_evidence_state (campaign_id INTEGER PRIMARY KEY, state TEXT NOT NULL);
-- Imported referential versions (DuckDB migration 12); referential-versions.ts also creates them when missing.
CREATE TABLE IF NOT EXISTS referential_version (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, version TEXT NOT NULL, format TEXT NOT NULL,
  files TEXT NOT NULL, counts TEXT NOT NULL, imported_ms BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS referential_row (
  version_id INTEGER NOT NULL, kind TEXT NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (version_id, kind, position));
CREATE TABLE IF NOT EXISTS campaign_referential (
  seq INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, referential TEXT NOT NULL, pinned_ms BIGINT NOT NULL);
`,
  },
  {
    version: 6,
    name: 'cloud-records',
    sql: `
-- Cloud usage lines and provider-reported emissions (DuckDB migration 13, same columns).
CREATE TABLE cloud_usage (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  provider TEXT NOT NULL, service TEXT, instance_type TEXT, region TEXT NOT NULL,
  usage_hours DOUBLE PRECISION NOT NULL, vcpu DOUBLE PRECISION, average_load DOUBLE PRECISION, architecture TEXT,
  month TEXT);
CREATE INDEX cloud_usage_key ON cloud_usage (organisation_id, campaign_id, import_id);
CREATE TABLE cloud_emissions (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  provider TEXT NOT NULL, service TEXT, region TEXT, month TEXT, kg_co2e DOUBLE PRECISION NOT NULL);
CREATE INDEX cloud_emissions_key ON cloud_emissions (organisation_id, campaign_id, import_id);
`,
  },
]

/** The workspace tables, in an order where a copy never reads a table before the ones it refers to. */
export const WORKSPACE_TABLES: readonly string[] = [
  'organisation',
  'campaign',
  'import',
  'model',
  'country',
  'criterion',
  'computation',
  'model_result',
  'mapping_rule',
  'electricity_override',
  'audit_event',
  'site',
  'asset',
  'datacenter',
  'result_group',
  'result_impact',
  'asset_usage',
  'virtual_equipment',
  'application',
  'non_it_operation',
  'messaging',
  'entity',
  'cloud_usage',
  'cloud_emissions',
  'quarantine',
  'finding',
  'telemetry',
  'asset_provenance',
  'reconciliation_conflict',
  'app_user',
  'user_session',
  'api_token',
  'login_failure',
  'scenario',
  'plan_action',
  'electricity_tariff',
  'campaign_setup',
  'campaign_member',
  'campaign_review',
  'campaign_reminder',
  'campaign_result',
  'computation_organisation',
  'project',
  'project_estimate',
  'rgesn_criterion',
  'rgesn_answer',
]
