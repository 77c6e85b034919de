-- tenant-twilio schema, version 6 (PostgreSQL 15 or later): the outbox (scheduled messages, the
-- pace of each sending key, the tenants with work), the contacts' consents, and the tenant
-- policy's quiet hours and consent rule.
--
-- All four new tables are tenant tables (see version 3): tenant_id leads their primary and unique
-- keys, a forced policy confines them to the transaction's tenant, and they are distributed by
-- tenant_id. A claim (JdbcOutboxStore) locks the tenant's row of tt_outbox_tenants with SKIP
-- LOCKED, so that two instances never claim for one tenant at once (the second finds nothing at
-- once rather than waiting); in that transaction it takes the due messages sender by sender
-- along tt_outbox_due, moves the senders' next slots in tt_outbox_senders, and sets the tenant's
-- next_due_at again, which the dispatchers' listing across tenants (tt_outbox_tenants_due) reads.

-- One row per scheduled message. state is an OutboxState's name; problem, an ErrorCode's name.
-- sender is the key its pace is kept under: the sending number in E.164, or the Messaging
-- Service's SID. held: it waits for the end of the recipient's quiet hours. message_id: its
-- message in tt_messages, set when it is first claimed.
CREATE TABLE tt_outbox (
    tenant_id VARCHAR(128) NOT NULL,
    id UUID NOT NULL,
    client_key VARCHAR(200) NOT NULL,
    state VARCHAR(16) NOT NULL,
    to_e164 VARCHAR(16) NOT NULL,
    from_e164 VARCHAR(16),
    messaging_service_sid VARCHAR(34),
    sender VARCHAR(64) NOT NULL,
    body TEXT NOT NULL,
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
-- A claim's reads: each sender's due messages, the oldest first; the leases that ended; the
-- listing, the latest first. Finished messages are in none of the first two.
CREATE INDEX tt_outbox_due ON tt_outbox (tenant_id, sender, due_at, id) WHERE state = 'SCHEDULED';
CREATE INDEX tt_outbox_leases ON tt_outbox (tenant_id, lease_until) WHERE state = 'CLAIMED';
CREATE INDEX tt_outbox_listing ON tt_outbox (tenant_id, send_at, id);

-- One row per tenant that ever scheduled a message (or was throttled): the earliest moment it has
-- work (the least of its scheduled messages' due_at and its claims' lease_until; NULL: none), and
-- until when Twilio asked it to hold back. The row a claim locks.
CREATE TABLE tt_outbox_tenants (
    tenant_id VARCHAR(128) NOT NULL,
    next_due_at TIMESTAMP WITH TIME ZONE,
    throttled_until TIMESTAMP WITH TIME ZONE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tt_outbox_tenants_pkey PRIMARY KEY (tenant_id)
);
CREATE INDEX tt_outbox_tenants_next_due ON tt_outbox_tenants (next_due_at, tenant_id)
    WHERE next_due_at IS NOT NULL;

-- The pace of each sending key of a tenant: the earliest slot its next message may take (NULL:
-- none taken yet, free now). Written only by claims, under the tenant's lock.
CREATE TABLE tt_outbox_senders (
    tenant_id VARCHAR(128) NOT NULL,
    sender VARCHAR(64) NOT NULL,
    next_slot_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT tt_outbox_senders_pkey PRIMARY KEY (tenant_id, sender)
);

-- A contact's consent to a tenant's messages, one per number; kind is a ConsentKind's name.
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

-- The tenant policy's quiet hours (and what happens to a message due in them) and consent rule;
-- NULL (a policy saved before this version) reads as TenantPolicy's own default.
ALTER TABLE tt_tenant_policies ADD COLUMN quiet_hours VARCHAR(200);
ALTER TABLE tt_tenant_policies ADD COLUMN quiet_hours_action VARCHAR(16);
ALTER TABLE tt_tenant_policies ADD COLUMN consent_rule VARCHAR(24);

-- Row-level security, as on the other tenant tables. Only tt_outbox_tenants is read across
-- tenants (by the function below, as the schema's owner): it alone has the owner's read-only
-- policy; the application must not connect as the owner (see the README).
ALTER TABLE tt_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_outbox_tenant ON tt_outbox
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
ALTER TABLE tt_outbox_tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_outbox_tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_outbox_tenants_tenant ON tt_outbox_tenants
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
CREATE POLICY tt_outbox_tenants_owner ON tt_outbox_tenants FOR SELECT
    USING (current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c
                           WHERE c.oid = 'tt_outbox_tenants'::regclass));
ALTER TABLE tt_outbox_senders ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_outbox_senders FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_outbox_senders_tenant ON tt_outbox_senders
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));
ALTER TABLE tt_consents ENABLE ROW LEVEL SECURITY;
ALTER TABLE tt_consents FORCE ROW LEVEL SECURITY;
CREATE POLICY tt_consents_tenant ON tt_consents
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('tenant_twilio.tenant_id', true), ''));

-- The dispatchers' listing, read-only, before any tenant is known: the tenants with work at
-- p_now (a scheduled message due, or a claim whose lease ended), the longest waiting first, by
-- their keys only. Each tenant's messages are then claimed as that tenant.
CREATE FUNCTION tt_outbox_tenants_due(p_now TIMESTAMP WITH TIME ZONE, p_max INT)
    RETURNS TABLE (tenant_id VARCHAR)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
AS $$
    SELECT t.tenant_id FROM tt_outbox_tenants t
    WHERE t.next_due_at IS NOT NULL AND t.next_due_at <= p_now
    ORDER BY t.next_due_at, t.tenant_id LIMIT p_max
$$;
