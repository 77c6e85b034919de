-- tenant-twilio schema, version 5 (PostgreSQL 15 or later): carrier registration (A2P 10DLC and
-- toll-free verification), and the tenant policy's registration rules.
--
-- Both new tables are tenant tables (see version 3): tenant_id leads their primary keys, a forced
-- policy confines them to the transaction's tenant, and they are distributed by tenant_id. The
-- columns are what the stores compare, order and look for (the state, the version of the
-- compare-and-set, the next check, the SIDs of the Twilio resources); what is only ever read back
-- whole (the business profile, the campaign, Twilio's rejection reasons, the sub-steps done) is in
-- `details`, a versioned text encoding of the JDBC stores (RegistrationCodec).

-- One A2P registration per tenant. next_check_at is when the scheduled job looks at it again
-- (NULL: nothing awaited); lease_until, until when an instance carries it on.
CREATE TABLE tt_registrations (
    tenant_id VARCHAR(128) NOT NULL,
    id UUID NOT NULL,
    account_sid VARCHAR(34) NOT NULL,
    state VARCHAR(20) NOT NULL,
    customer_profile_sid VARCHAR(34),
    trust_product_sid VARCHAR(34),
    brand_sid VARCHAR(34),
    messaging_service_sid VARCHAR(34),
    campaign_sid VARCHAR(34),
    profile_status VARCHAR(64),
    trust_product_status VARCHAR(64),
    brand_status VARCHAR(64),
    campaign_status VARCHAR(64),
    problem VARCHAR(40),
    checks INT NOT NULL,
    next_check_at TIMESTAMP WITH TIME ZONE,
    lease_until TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    details TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_registrations_pkey PRIMARY KEY (tenant_id)
);
-- The scheduled job's listing across tenants: the oldest due first; settled ones are not indexed.
CREATE INDEX tt_registrations_due ON tt_registrations (next_check_at, id) WHERE next_check_at IS NOT NULL;

-- One verification per toll-free number of a tenant.
CREATE TABLE tt_toll_free_verifications (
    tenant_id VARCHAR(128) NOT NULL,
    phone_e164 VARCHAR(16) NOT NULL,
    id UUID NOT NULL,
    account_sid VARCHAR(34) NOT NULL,
    number_sid VARCHAR(34),
    verification_sid VARCHAR(34),
    status VARCHAR(20) NOT NULL,
    edit_allowed BOOLEAN NOT NULL,
    edit_expiration TIMESTAMP WITH TIME ZONE,
    problem VARCHAR(40),
    checks INT NOT NULL,
    next_check_at TIMESTAMP WITH TIME ZONE,
    version BIGINT NOT NULL,
    details TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_toll_free_verifications_pkey PRIMARY KEY (tenant_id, phone_e164)
);
CREATE INDEX tt_toll_free_verifications_due ON tt_toll_free_verifications (next_check_at, id)
    WHERE next_check_at IS NOT NULL;

-- The tenant policy's registration rules; NULL (a policy saved before this version) reads as
-- TenantPolicy's own default, as a policy built without them has.
ALTER TABLE tt_tenant_policies ADD COLUMN unregistered_traffic VARCHAR(16);
ALTER TABLE tt_tenant_policies ADD COLUMN canadian_long_codes VARCHAR(64);

-- Row-level security, as on the other tenant tables. The scheduled job's listings below run as
-- the schema's owner, whom FORCE subjects to the tenant policy too: a read-only policy admits it
-- (as on the routing directory); the application must not connect as the owner (see the README).
ALTER TABLE tt_registrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_registrations FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_registrations_tenant ON tt_registrations
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
CREATE POLICY tt_registrations_owner ON tt_registrations FOR SELECT
    USING (current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                           WHERE c.oid = 'tt_registrations'::regclass));
ALTER TABLE tt_toll_free_verifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_toll_free_verifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_toll_free_verifications_tenant ON tt_toll_free_verifications
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
CREATE POLICY tt_toll_free_verifications_owner ON tt_toll_free_verifications FOR SELECT
    USING (current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                           WHERE c.oid = 'tt_toll_free_verifications'::regclass));

-- The scheduled job's listings, read-only, before any tenant is known: which registrations and
-- verifications are due (the oldest first), by their keys only. The job then reads each one as
-- its tenant.
CREATE FUNCTION tt_registrations_due(p_now TIMESTAMP WITH TIME ZONE, p_max INT)
    RETURNS TABLE (tenant_id VARCHAR)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
AS $$
    SELECT r.tenant_id FROM tt_registrations r
    WHERE r.next_check_at IS NOT NULL AND r.next_check_at <= p_now
    ORDER BY r.next_check_at, r.id LIMIT p_max
$$;

CREATE FUNCTION tt_toll_free_due(p_now TIMESTAMP WITH TIME ZONE, p_max INT)
    RETURNS TABLE (tenant_id VARCHAR, phone_e164 VARCHAR)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
AS $$
    SELECT v.tenant_id, v.phone_e164 FROM tt_toll_free_verifications v
    WHERE v.next_check_at IS NOT NULL AND v.next_check_at <= p_now
    ORDER BY v.next_check_at, v.id LIMIT p_max
$$;
