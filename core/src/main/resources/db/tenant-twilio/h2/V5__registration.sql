-- tenant-twilio schema, version 5 (H2 2.x): the tables of PostgreSQL's version 5, for carrier
-- registration, and the tenant policy's registration rules. H2 has no partial index and no
-- row-level security: the due listings read the tables directly.

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
    details VARCHAR NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_registrations_pkey PRIMARY KEY (tenant_id)
);
CREATE INDEX tt_registrations_due ON tt_registrations (next_check_at, id);

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
    details VARCHAR NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_toll_free_verifications_pkey PRIMARY KEY (tenant_id, phone_e164)
);
CREATE INDEX tt_toll_free_verifications_due ON tt_toll_free_verifications (next_check_at, id);

ALTER TABLE tt_tenant_policies ADD COLUMN unregistered_traffic VARCHAR(16);
ALTER TABLE tt_tenant_policies ADD COLUMN canadian_long_codes VARCHAR(64);
