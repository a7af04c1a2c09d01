-- Distributes an empreinte PostgreSQL workspace with Citus (docs/postgresql.md, "Distribution with Citus").
-- Run once on the coordinator, after empreinte has created or migrated the database (every command applies the
-- migrations on open) and before the workspace grows: `psql "$EMPREINTE_DATABASE_URL" -f citus.sql`.
-- Existing rows are moved into shards by Citus. Every table of the workspace is named below exactly once
-- (test/store/postgres-citus.test.ts checks it against the catalog, and that every unique constraint of a
-- distributed table contains its distribution column, as Citus requires).
CREATE EXTENSION IF NOT EXISTS citus;

-- 32 shards per distributed table: 4 workers × 8 cores; raise it before distributing for more workers.
SET citus.shard_count = 32;

BEGIN;

-- Reference tables: small, read by every query, replicated to every node.
SELECT create_reference_table('organisation');
SELECT create_reference_table('campaign');
SELECT create_reference_table('import');
SELECT create_reference_table('model');
SELECT create_reference_table('country');
SELECT create_reference_table('criterion');
SELECT create_reference_table('computation');
SELECT create_reference_table('model_result');
SELECT create_reference_table('mapping_rule');
SELECT create_reference_table('electricity_override');
SELECT create_reference_table('electricity_tariff');
SELECT create_reference_table('audit_event');
SELECT create_reference_table('app_user');
SELECT create_reference_table('user_session');
SELECT create_reference_table('api_token');
SELECT create_reference_table('login_failure');
SELECT create_reference_table('scenario');
SELECT create_reference_table('plan_action');
SELECT create_reference_table('campaign_setup');
SELECT create_reference_table('campaign_evidence_state');
SELECT create_reference_table('project');
SELECT create_reference_table('project_estimate');
SELECT create_reference_table('rgesn_criterion');
SELECT create_reference_table('rgesn_answer');
SELECT create_reference_table('referential_version');
SELECT create_reference_table('referential_row');
SELECT create_reference_table('campaign_referential');

-- Rows of an organisation: distributed by organisation_id, all co-located with asset, so that a footprint
-- query grouped by organisation runs on each worker's shards and the coordinator merges a few thousand rows.
SELECT create_distributed_table('asset', 'organisation_id');
SELECT create_distributed_table('site', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('datacenter', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('result_group', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('result_impact', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('asset_usage', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('virtual_equipment', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('application', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('non_it_operation', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('messaging', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('entity', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('cloud_usage', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('cloud_emissions', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('campaign_member', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('campaign_review', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('campaign_reminder', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('campaign_result', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('campaign_evidence', 'organisation_id', colocate_with => 'asset');
SELECT create_distributed_table('computation_organisation', 'organisation_id', colocate_with => 'asset');

-- Rows of an import, which may have no valid organisation: by import_id, co-located with each other.
SELECT create_distributed_table('quarantine', 'import_id', colocate_with => 'none');
SELECT create_distributed_table('finding', 'import_id', colocate_with => 'quarantine');

-- Reconciliation across sources: read per campaign and asset, by campaign_id.
SELECT create_distributed_table('asset_provenance', 'campaign_id', colocate_with => 'none');
SELECT create_distributed_table('reconciliation_conflict', 'campaign_id', colocate_with => 'asset_provenance');

-- Daily power-state rows: the one huge table, by device (matched to assets only when usage is refreshed: the
-- per-device aggregate, at most one row per asset, is then joined to asset).
SELECT create_distributed_table('telemetry', 'device', colocate_with => 'none');

COMMIT;
