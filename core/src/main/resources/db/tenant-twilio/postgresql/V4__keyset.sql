-- tenant-twilio schema, version 4 (PostgreSQL 15 or later): listings read a page at a time after
-- a cursor (the last row's sort key and id), each page a range of an index led by tenant_id, read
-- in the listing's order: no OFFSET, no sort of the tenant's rows, so that page 10,000 costs what
-- page 1 costs. Ties of time are broken by id, which every index below ends with; listings newest
-- first read these ascending indexes backwards.

-- Conversations: ordered by their last activity (the last message, or the opening when there is
-- none yet), kept by the database itself so that no writer can forget it. Adding a stored
-- generated column rewrites the table once.
ALTER TABLE tt_conversations ADD COLUMN activity_at TIMESTAMP WITH TIME ZONE
    GENERATED ALWAYS AS (COALESCE(last_message_at, created_at)) STORED;
DROP INDEX tt_conversations_inbox;
-- The inbox (open ones) or the archive: one state. Both together are the two ranges merged in
-- order; an index of their own would cost every inbound message one more index entry.
CREATE INDEX tt_conversations_state_activity ON tt_conversations (tenant_id, state, activity_at, id);
-- Those with unread messages: a few among many, and only they are in this index.
CREATE INDEX tt_conversations_unread ON tt_conversations (tenant_id, activity_at, id) WHERE unread_count > 0;

-- Messages: a conversation's thread, and the tenant's messages of a time window, newest first.
DROP INDEX tt_messages_thread;
CREATE INDEX tt_messages_thread ON tt_messages (tenant_id, conversation_id, created_at, id);
DROP INDEX tt_messages_period;
CREATE INDEX tt_messages_period ON tt_messages (tenant_id, created_at, id);

-- Contacts: listed by number along the unique key (tenant_id, phone_e164), a number searched by
-- the range of its first digits; a name searched by the range of its first letters, in a form
-- without case or accents that the stores compute (ContactQuery.nameKey), compared byte by byte
-- (COLLATE "C") so that a prefix is a range whatever the database's collation. The SDK set no
-- name before this version; a name written by other means is found once set through the SDK.
ALTER TABLE tt_contacts ADD COLUMN name_key VARCHAR(200) COLLATE "C";
CREATE INDEX tt_contacts_name ON tt_contacts (tenant_id, name_key, id);

-- The audit trail, newest first.
DROP INDEX tt_audit_events_tenant;
CREATE INDEX tt_audit_events_trail ON tt_audit_events (tenant_id, at, id);
