-- tenant-twilio schema, version 2 (PostgreSQL 15 or later): guardrails and operations.

-- Quota counters, one row per tenant and period ("sms:day:2026-11-23"), updated under a row lock.
CREATE TABLE tt_usage_counters (
    tenant_id VARCHAR(128) NOT NULL,
    counter VARCHAR(64) NOT NULL,
    used BIGINT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, counter)
);
CREATE INDEX tt_usage_counters_age ON tt_usage_counters (updated_at);

-- Purchases counted against the 24-hour limit.
CREATE TABLE tt_purchase_events (
    id VARCHAR(36) PRIMARY KEY,
    tenant_id VARCHAR(128) NOT NULL,
    purchased_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX tt_purchase_events_tenant ON tt_purchase_events (tenant_id, purchased_at);

-- Per-tenant policies (quotas, limits) set through the SDK.
CREATE TABLE tt_tenant_policies (
    tenant_id VARCHAR(128) PRIMARY KEY,
    time_zone VARCHAR(64) NOT NULL,
    daily_limit BIGINT,
    monthly_limit BIGINT,
    count_segments BOOLEAN NOT NULL,
    max_purchases INT NOT NULL,
    max_numbers INT NOT NULL,
    spend_cap NUMERIC(12, 2),
    estimated_price NUMERIC(12, 4) NOT NULL,
    low_balance NUMERIC(12, 2) NOT NULL,
    auto_repair BOOLEAN NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Scheduled jobs: who runs them now, until when, and where an interrupted run stopped.
CREATE TABLE tt_job_leases (
    job VARCHAR(64) PRIMARY KEY,
    owner VARCHAR(200),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    cursor_value VARCHAR(400),
    last_completed_at TIMESTAMP WITH TIME ZONE
);

-- "Already alerted" marks: scope is a tenant id, or '' for the platform.
CREATE TABLE tt_flags (
    scope VARCHAR(128) NOT NULL,
    flag VARCHAR(160) NOT NULL,
    raised_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, flag)
);

-- Usage reports and reconciliation read a tenant's messages by date.
CREATE INDEX tt_messages_period ON tt_messages (tenant_id, created_at);

-- Row-level security on the tenant tables, as in version 1.
ALTER TABLE tt_usage_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_usage_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_usage_counters_tenant ON tt_usage_counters
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
ALTER TABLE tt_purchase_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_purchase_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_purchase_events_tenant ON tt_purchase_events
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
ALTER TABLE tt_tenant_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_tenant_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_tenant_policies_tenant ON tt_tenant_policies
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
