-- tenant-twilio schema, version 4 (H2 2.x): the columns and indexes of PostgreSQL's version 4,
-- for listings read a page at a time after a cursor (the last row's sort key and id), each page
-- a range of an index led by tenant_id. H2 has no partial index: unread conversations are found
-- along the state index, each state's range merged in order.

ALTER TABLE tt_conversations ADD COLUMN activity_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(last_message_at, created_at));
DROP INDEX tt_conversations_inbox;
CREATE INDEX tt_conversations_state_activity ON tt_conversations (tenant_id, state, activity_at, id);

DROP INDEX tt_messages_thread;
CREATE INDEX tt_messages_thread ON tt_messages (tenant_id, conversation_id, created_at, id);
DROP INDEX tt_messages_period;
CREATE INDEX tt_messages_period ON tt_messages (tenant_id, created_at, id);

ALTER TABLE tt_contacts ADD COLUMN name_key VARCHAR(200);
CREATE INDEX tt_contacts_name ON tt_contacts (tenant_id, name_key, id);

DROP INDEX tt_audit_events_tenant;
CREATE INDEX tt_audit_events_trail ON tt_audit_events (tenant_id, at, id);
