/**
 * Forward-only migrations of the DuckDB workspace. Never edit a released migration: add one.
 * Measures are DOUBLE (see ARCHITECTURE.md: PostgreSQL REAL sums drift). Every fact table carries
 * organisation_id so the PostgreSQL adapter can distribute by organisation.
 * The asset table has no PRIMARY KEY on purpose: ids are allocated by the single writer process and a
 * DuckDB ART index would slow bulk appends several-fold.
 */
export type Migration = { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'inventory',
    sql: `
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY, parent_id INTEGER, name VARCHAR NOT NULL, path VARCHAR NOT NULL UNIQUE, depth INTEGER NOT NULL);
CREATE TABLE campaign (
  id INTEGER PRIMARY KEY, year INTEGER NOT NULL UNIQUE, reference_day INTEGER NOT NULL,
  assets_revision BIGINT NOT NULL DEFAULT 0);
CREATE TABLE import (
  id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, file_name VARCHAR NOT NULL, format VARCHAR NOT NULL,
  kind VARCHAR NOT NULL, checksum VARCHAR NOT NULL, encoding VARCHAR NOT NULL, delimiter VARCHAR NOT NULL,
  organisation_path VARCHAR, rows_read INTEGER NOT NULL, rows_accepted INTEGER NOT NULL,
  rows_quarantined INTEGER NOT NULL, rows_imputed INTEGER NOT NULL, imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
CREATE TABLE site (id INTEGER PRIMARY KEY, organisation_id INTEGER NOT NULL, name VARCHAR NOT NULL);
CREATE TABLE model (
  id INTEGER PRIMARY KEY, category VARCHAR NOT NULL, manufacturer VARCHAR, model VARCHAR);
CREATE TABLE datacenter (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  short_name VARCHAR NOT NULL, long_name VARCHAR, pue DOUBLE, country VARCHAR NOT NULL);
CREATE TABLE country (id INTEGER PRIMARY KEY, code VARCHAR NOT NULL UNIQUE);
CREATE TABLE criterion (id INTEGER PRIMARY KEY, code VARCHAR NOT NULL UNIQUE);
-- Small enumerations are stored as SMALLINT codes (see store/duckdb/codes.ts): appending and reading
-- text columns costs several times more than numbers on a million rows.
CREATE TABLE asset (
  id INTEGER NOT NULL, campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL,
  line INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL, domain SMALLINT NOT NULL, datacenter VARCHAR,
  serial VARCHAR, hostname VARCHAR, quantity DOUBLE NOT NULL, purchase_day INTEGER, retirement_day INTEGER,
  lifetime_years DOUBLE, annual_kwh DOUBLE, utilisation_rate DOUBLE, ownership SMALLINT, country_id INTEGER NOT NULL,
  status SMALLINT NOT NULL, imputed INTEGER NOT NULL);
CREATE TABLE quarantine (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL, raw VARCHAR NOT NULL,
  reasons VARCHAR NOT NULL);
CREATE TABLE finding (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, line INTEGER NOT NULL, column_name VARCHAR,
  code VARCHAR NOT NULL, severity VARCHAR NOT NULL, message VARCHAR NOT NULL, value VARCHAR);
CREATE TABLE computation (
  campaign_id INTEGER PRIMARY KEY, referential VARCHAR NOT NULL, revision BIGINT NOT NULL,
  computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
CREATE TABLE model_result (
  campaign_id INTEGER NOT NULL, model_id INTEGER NOT NULL, reference_item VARCHAR NOT NULL, matched_by VARCHAR NOT NULL);
-- Results are kept at the finest grain the breakdowns need (organisation × site × model × domain): a compute
-- pass folds a million per-asset results into a few thousand rows. A single asset's figures are recomputed
-- on demand by the same core function (empreinte explain), so nothing is lost.
CREATE TABLE result_group (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL,
  domain SMALLINT NOT NULL, assets INTEGER NOT NULL, quantity DOUBLE NOT NULL, annual_kwh DOUBLE NOT NULL,
  lifetime_years_sum DOUBLE NOT NULL);
CREATE TABLE result_impact (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER, model_id INTEGER NOT NULL,
  domain SMALLINT NOT NULL, criterion_id INTEGER NOT NULL,
  manufacturing DOUBLE NOT NULL, distribution DOUBLE NOT NULL, use DOUBLE NOT NULL, end_of_life DOUBLE NOT NULL);
`,
  },
  {
    version: 2,
    name: 'telemetry',
    sql: `
-- Daily (or hourly, summed per day) power-state data per device, loaded with DuckDB's bulk CSV reader.
CREATE TABLE telemetry (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, day DATE NOT NULL, device VARCHAR NOT NULL,
  powered_hours DOUBLE NOT NULL, active_hours DOUBLE);
-- Per asset: measured hours extrapolated to a year (hours per observed day × 365).
CREATE TABLE asset_usage (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, site_id INTEGER,
  observed_days INTEGER NOT NULL, powered_hours_per_year DOUBLE NOT NULL, active_hours_per_year DOUBLE);
`,
  },
  {
    version: 3,
    name: 'import-header',
    sql: `
-- The header of each imported table, so that quarantined rows can be written back in their original format.
ALTER TABLE import ADD COLUMN header VARCHAR;
`,
  },
  {
    version: 4,
    name: 'harmonisation',
    sql: `
-- Mapping rules: a normalised model text (or a pattern with *) → reference item, category, default values.
-- Applied to every later import (category, defaults) and by every compute pass (reference item).
CREATE TABLE mapping_rule (
  id INTEGER PRIMARY KEY, pattern VARCHAR NOT NULL UNIQUE, reference_item VARCHAR, category VARCHAR,
  lifetime_years DOUBLE, annual_kwh DOUBLE, utilisation_rate DOUBLE, note VARCHAR,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
-- The source an import belongs to (defaults to its format): an import with an organisation replaces that
-- organisation's earlier rows from the same source (incremental re-import); replaced imports keep their record.
ALTER TABLE import ADD COLUMN source VARCHAR;
ALTER TABLE import ADD COLUMN replaced_by INTEGER;
-- Reconciliation across sources: the rows of one device found in several imports (same serial, else same host
-- name) point to one reconciled row (import_id 0) holding the best value of each field. Footprints read only rows
-- with merged_into NULL; every source row is kept.
ALTER TABLE asset ADD COLUMN merged_into INTEGER;
ALTER TABLE campaign ADD COLUMN reconciled_revision BIGINT DEFAULT -1;
CREATE TABLE asset_provenance (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, field VARCHAR NOT NULL, source_asset_id INTEGER NOT NULL,
  import_id INTEGER NOT NULL);
CREATE TABLE reconciliation_conflict (
  campaign_id INTEGER NOT NULL, asset_id INTEGER NOT NULL, field VARCHAR NOT NULL, chosen VARCHAR,
  chosen_import_id INTEGER NOT NULL, other VARCHAR, other_import_id INTEGER NOT NULL);
-- How a model was resolved: rule, exact model key, fuzzy match (with its confidence) or category default.
ALTER TABLE model_result ADD COLUMN confidence DOUBLE;
`,
  },
  {
    version: 5,
    name: 'numecoeval-records',
    sql: `
-- The other NumEcoEval / G4IT input files, one typed table each (docs/formats.md). Collected, validated and
-- reported; no footprint is computed from them yet. Numbers are in the canonical unit of their column name.
CREATE TABLE virtual_equipment (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name VARCHAR NOT NULL, physical_equipment VARCHAR, physical_equipment_source VARCHAR,
  infrastructure_type VARCHAR NOT NULL, quantity DOUBLE NOT NULL, allocation_share DOUBLE, vcpu DOUBLE, cluster VARCHAR,
  annual_kwh DOUBLE, type VARCHAR, storage_capacity DOUBLE, provider VARCHAR, instance_type VARCHAR, location VARCHAR,
  average_load DOUBLE, annual_usage_hours DOUBLE, data_source VARCHAR, quality VARCHAR);
CREATE TABLE application (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name VARCHAR NOT NULL, environment_type VARCHAR NOT NULL, virtual_equipment VARCHAR, virtual_equipment_source VARCHAR,
  domain VARCHAR, sub_domain VARCHAR, physical_equipment VARCHAR, data_source VARCHAR, quality VARCHAR);
CREATE TABLE non_it_operation (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name VARCHAR NOT NULL, quantity DOUBLE NOT NULL, type VARCHAR NOT NULL, lifetime_years DOUBLE, location VARCHAR,
  datacenter VARCHAR, description VARCHAR, annual_kwh DOUBLE, data_source VARCHAR, quality VARCHAR);
CREATE TABLE messaging (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  mails_sent DOUBLE NOT NULL, mails_sent_times_recipients DOUBLE NOT NULL, total_volume DOUBLE NOT NULL,
  year INTEGER NOT NULL, month INTEGER NOT NULL);
CREATE TABLE entity (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  name VARCHAR NOT NULL, staff_count DOUBLE, manager VARCHAR, digital_manager VARCHAR);
-- Unit choices of the import (JSON, e.g. {"usageDurationUnit":"months"}), reused by later imports of its format.
ALTER TABLE import ADD COLUMN options VARCHAR;
`,
  },
  {
    version: 6,
    name: 'users-and-access',
    sql: `
-- Users, sessions, API tokens, login failures and the audit log (docs/access-control.md). Secrets are never
-- stored: passwords as argon2id encoded hashes, session/CSRF/API tokens as SHA-256 hex digests. Times are
-- milliseconds since 1970 (UTC). No UNIQUE/PRIMARY KEY on updated tables: the single writer checks
-- uniqueness, and DuckDB indexes refuse some updates of indexed rows.
CREATE TABLE app_user (
  id INTEGER NOT NULL, login VARCHAR NOT NULL, display_name VARCHAR NOT NULL, password_hash VARCHAR,
  role VARCHAR NOT NULL, organisation_path VARCHAR, created_ms BIGINT NOT NULL, disabled_ms BIGINT);
CREATE TABLE user_session (
  token_hash VARCHAR NOT NULL, user_id INTEGER NOT NULL, csrf_hash VARCHAR NOT NULL,
  created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL);
CREATE TABLE api_token (
  id INTEGER NOT NULL, token_hash VARCHAR NOT NULL, user_id INTEGER NOT NULL, name VARCHAR NOT NULL,
  created_ms BIGINT NOT NULL, expires_ms BIGINT, last_used_ms BIGINT, revoked_ms BIGINT);
CREATE TABLE login_failure (at_ms BIGINT NOT NULL, login VARCHAR NOT NULL, address VARCHAR NOT NULL);
CREATE TABLE audit_event (
  id INTEGER NOT NULL, at_ms BIGINT NOT NULL, actor VARCHAR NOT NULL, action VARCHAR NOT NULL,
  target VARCHAR, organisation VARCHAR, details VARCHAR NOT NULL);
`,
  },
  {
    version: 7,
    name: 'scenarios-and-actions',
    sql: `
-- Saved scenarios (docs/scenarios.md): levers as canonical command-line texts (JSON array); perimeter =
-- organisation subtree (path, NULL = everything) + categories + site names (JSON arrays, empty = all).
CREATE TABLE scenario (
  id INTEGER NOT NULL, name VARCHAR NOT NULL, description VARCHAR, levers VARCHAR NOT NULL,
  organisation_path VARCHAR, categories VARCHAR NOT NULL, sites VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp, updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
-- Action plans (docs/action-plans.md): one lever taken on by an owner for a perimeter from a start day
-- (days since 1970-01-01), with its status.
CREATE TABLE plan_action (
  id INTEGER NOT NULL, lever VARCHAR NOT NULL, organisation_path VARCHAR, categories VARCHAR NOT NULL,
  sites VARCHAR NOT NULL, owner VARCHAR NOT NULL, start_day INTEGER NOT NULL, status VARCHAR NOT NULL,
  note VARCHAR, created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
-- Electricity tariff per organisation (€/kWh), for its subtree: the closest ancestor with a tariff wins.
CREATE TABLE electricity_tariff (
  organisation_path VARCHAR NOT NULL, euros_per_kwh DOUBLE NOT NULL, source VARCHAR);
`,
  },
  {
    version: 8,
    name: 'collection-campaigns',
    sql: `
-- The collection workflow of a campaign (docs/campaigns.md). One setup row per version: version 1 when
-- opened, one more per restatement; the latest version is the campaign's current state. Times are
-- milliseconds since 1970 (UTC); expected sources are comma-separated kinds.
CREATE TABLE campaign_setup (
  campaign_id INTEGER NOT NULL, version INTEGER NOT NULL, perimeter VARCHAR NOT NULL, referential VARCHAR NOT NULL,
  expected VARCHAR NOT NULL, state VARCHAR NOT NULL, opened_ms BIGINT NOT NULL, opened_by VARCHAR NOT NULL,
  closed_ms BIGINT, closed_by VARCHAR, frozen_referential VARCHAR, note VARCHAR);
-- The organisations expected to contribute, with their headcount and contact address.
CREATE TABLE campaign_member (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, headcount DOUBLE, contact VARCHAR,
  expected VARCHAR NOT NULL);
-- Review decisions (also written to the audit log); after_import = highest import id when decided.
CREATE TABLE campaign_review (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, decision VARCHAR NOT NULL, comment VARCHAR NOT NULL,
  actor VARCHAR NOT NULL, at_ms BIGINT NOT NULL, after_import INTEGER NOT NULL);
CREATE TABLE campaign_reminder (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, address VARCHAR, status VARCHAR NOT NULL,
  error VARCHAR, at_ms BIGINT NOT NULL);
-- Results frozen at closing (and at each restatement), per organisation and domain.
CREATE TABLE campaign_result (
  campaign_id INTEGER NOT NULL, version INTEGER NOT NULL, organisation_id INTEGER NOT NULL, domain VARCHAR NOT NULL,
  quantity DOUBLE NOT NULL, climate_kgco2e DOUBLE NOT NULL);
-- Per organisation, the fingerprint of its footprint inputs at the last computation: a re-upload by one
-- organisation recomputes only the organisations whose fingerprint changed (organisation_id -1: datacenters).
CREATE TABLE computation_organisation (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, signature VARCHAR NOT NULL);
`,
  },
  {
    version: 9,
    name: 'electricity-overrides',
    sql: `
-- Climate factors of electricity set by the user for an organisation subtree or a site (docs/electricity.md);
-- organisation_path '' with a site: that site name in any organisation. Workspace-wide, every campaign.
CREATE TABLE electricity_override (
  id INTEGER NOT NULL, organisation_path VARCHAR NOT NULL, site VARCHAR, kg_co2e_per_kwh DOUBLE NOT NULL,
  source VARCHAR NOT NULL, updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
`,
  },
  {
    version: 10,
    name: 'projects-and-rgesn',
    sql: `
-- IT projects (docs/services.md#projects): owner, phase (idea, design, build, run) and the service description
-- as JSON text (null = none yet). Times are milliseconds since 1970 (UTC). Workspace-wide.
CREATE TABLE project (
  id INTEGER NOT NULL, name VARCHAR NOT NULL UNIQUE, owner VARCHAR NOT NULL, phase VARCHAR NOT NULL,
  service VARCHAR, service_file VARCHAR, created_ms BIGINT NOT NULL);
-- One estimate of a project's service at a phase: the best option's figures and the comparison as JSON.
CREATE TABLE project_estimate (
  id INTEGER NOT NULL, project_id INTEGER NOT NULL, phase VARCHAR NOT NULL, at_ms BIGINT NOT NULL,
  best_option VARCHAR NOT NULL, climate_kgco2e DOUBLE NOT NULL, climate_kgco2e_per_user DOUBLE NOT NULL,
  euros DOUBLE NOT NULL, referential VARCHAR NOT NULL, comparison VARCHAR NOT NULL);
-- RGESN criteria as loaded from the user's file (never shipped): position = order in the file.
CREATE TABLE rgesn_criterion (
  version VARCHAR NOT NULL, id VARCHAR NOT NULL, family VARCHAR NOT NULL, title VARCHAR NOT NULL, url VARCHAR,
  position INTEGER NOT NULL, loaded_ms BIGINT NOT NULL);
-- Answers of a project, append-only (the latest per criterion is current; the earlier ones make the history).
CREATE TABLE rgesn_answer (
  id INTEGER NOT NULL, project_id INTEGER NOT NULL, criterion VARCHAR NOT NULL, answer VARCHAR NOT NULL,
  note VARCHAR, at_ms BIGINT NOT NULL);
`,
  },
  {
    version: 11,
    name: 'campaign-evidence',
    sql: `
-- What each organisation's rows hold, counted when a footprint computation runs (docs/campaigns.md#performance):
-- one row per organisation, category and purchase-file flag (category NULL: the organisation's telemetry
-- devices). The progress board reads this small table instead of every asset. Refreshed only for the
-- organisations whose fingerprint changed, except the duplicate-serial counts (a serial is a duplicate across
-- organisations), which are recounted for all.
CREATE TABLE campaign_evidence (
  campaign_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, category VARCHAR, is_purchase BOOLEAN NOT NULL,
  source_units DOUBLE NOT NULL, units DOUBLE NOT NULL, assets BIGINT NOT NULL, serial_present BIGINT NOT NULL,
  purchase_date_present BIGINT NOT NULL, model_present BIGINT NOT NULL, imputed_assets BIGINT NOT NULL,
  implausible_assets BIGINT NOT NULL, duplicate_serial_assets BIGINT NOT NULL, unmatched_units DOUBLE NOT NULL,
  result_models BIGINT NOT NULL, last_upload INTEGER NOT NULL, telemetry_devices BIGINT NOT NULL);
-- The state the table was counted at: "assets revision/computation revision/referential" of the campaign;
-- read with another state, the table is counted again in full.
CREATE TABLE campaign_evidence_state (campaign_id INTEGER NOT NULL, state VARCHAR NOT NULL);
`,
  },
  {
    version: 12,
    name: 'referential-versions',
    sql: `
-- Imported NumEcoEval / G4IT referentials (docs/referentials.md): one row per name@version, with the files read
-- (JSON array) and the row count per table (JSON object); times in milliseconds since 1970 (UTC). Workspace-wide.
CREATE TABLE referential_version (
  id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL, format VARCHAR NOT NULL,
  files VARCHAR NOT NULL, counts VARCHAR NOT NULL, imported_ms BIGINT NOT NULL);
-- Their rows (criteria, steps, item types, item impacts and electricity mixes, hypotheses, matching items,
-- people-equivalent packages): one JSON record per row, with the file and line it was read from; numbers are
-- JSON numbers, which keep every bit of a double.
CREATE TABLE referential_row (
  version_id INTEGER NOT NULL, kind VARCHAR NOT NULL, position INTEGER NOT NULL, record VARCHAR NOT NULL);
-- The referential a campaign is computed with (name@version; absent = the built-in default); the latest pin wins.
CREATE TABLE campaign_referential (
  seq INTEGER NOT NULL, campaign_id INTEGER NOT NULL, referential VARCHAR NOT NULL, pinned_ms BIGINT NOT NULL);
`,
  },
  {
    version: 13,
    name: 'cloud-records',
    sql: `
-- Cloud usage lines (instance-hours per instance type, region and month; provider and region as CCF keys, month
-- YYYY-MM) and provider-reported emissions (kgCO2e, as-is), docs/formats.md. Their footprints are computed into
-- result_group / result_impact with domain cloud (docs/methodology/cloud.md).
CREATE TABLE cloud_usage (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  provider VARCHAR NOT NULL, service VARCHAR, instance_type VARCHAR, region VARCHAR NOT NULL,
  usage_hours DOUBLE NOT NULL, vcpu DOUBLE, average_load DOUBLE, architecture VARCHAR, month VARCHAR);
CREATE TABLE cloud_emissions (
  campaign_id INTEGER NOT NULL, import_id INTEGER NOT NULL, organisation_id INTEGER NOT NULL, line INTEGER NOT NULL,
  provider VARCHAR NOT NULL, service VARCHAR, region VARCHAR, month VARCHAR, kg_co2e DOUBLE NOT NULL);
`,
  },
]
