-- tenant-twilio schema, version 6 (H2 2.x): the tables of PostgreSQL's version 6, for the outbox
-- and the contacts' consents, and the tenant policy's quiet hours and consent rule. H2 has no
-- partial index (the indexes hold every row) and no row-level security: the listing of the
-- tenants with work reads tt_outbox_tenants directly. H2 2.x has SELECT … FOR UPDATE SKIP
-- LOCKED, which a claim uses as on PostgreSQL.

CREATE TABLE tt_outbox (
    tenant_id VARCHAR(128) NOT NULL,
    id UUID NOT NULL,
    client_key VARCHAR(200) NOT NULL,
    state VARCHAR(16) NOT NULL,
    to_e164 VARCHAR(16) NOT NULL,
    from_e164 VARCHAR(16),
    messaging_service_sid VARCHAR(34),
    sender VARCHAR(64) NOT NULL,
    body VARCHAR NOT NULL,
    segments INT NOT NULL,
    sent_by VARCHAR(200),
    urgent BOOLEAN NOT NULL,
    send_at TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at TIMESTAMP WITH TIME ZONE NOT NULL,
    held BOOLEAN NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    lease_owner VARCHAR(200),
    lease_until TIMESTAMP WITH TIME ZONE,
    slot_at TIMESTAMP WITH TIME ZONE,
    message_id UUID,
    twilio_sid VARCHAR(34),
    problem VARCHAR(40),
    twilio_error_code INT,
    attempts INT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_outbox_pkey PRIMARY KEY (tenant_id, id),
    CONSTRAINT tt_outbox_client_key UNIQUE (tenant_id, client_key)
);
CREATE INDEX tt_outbox_due ON tt_outbox (tenant_id, sender, state, due_at, id);
CREATE INDEX tt_outbox_leases ON tt_outbox (tenant_id, state, lease_until);
CREATE INDEX tt_outbox_listing ON tt_outbox (tenant_id, send_at, id);

CREATE TABLE tt_outbox_tenants (
    tenant_id VARCHAR(128) NOT NULL,
    next_due_at TIMESTAMP WITH TIME ZONE,
    throttled_until TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_outbox_tenants_pkey PRIMARY KEY (tenant_id)
);
CREATE INDEX tt_outbox_tenants_next_due ON tt_outbox_tenants (next_due_at, tenant_id);

CREATE TABLE tt_outbox_senders (
    tenant_id VARCHAR(128) NOT NULL,
    sender VARCHAR(64) NOT NULL,
    next_slot_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT tt_outbox_senders_pkey PRIMARY KEY (tenant_id, sender)
);

CREATE TABLE tt_consents (
    tenant_id VARCHAR(128) NOT NULL,
    phone_e164 VARCHAR(16) NOT NULL,
    kind VARCHAR(24) NOT NULL,
    source VARCHAR(200) NOT NULL,
    given_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE,
    withdrawn_at TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_consents_pkey PRIMARY KEY (tenant_id, phone_e164)
);

ALTER TABLE tt_tenant_policies ADD COLUMN quiet_hours VARCHAR(200);
ALTER TABLE tt_tenant_policies ADD COLUMN quiet_hours_action VARCHAR(16);
ALTER TABLE tt_tenant_policies ADD COLUMN consent_rule VARCHAR(24);
