-- The dashboard's status: a server default so that existing rows get it too.
ALTER TABLE evotor_connections ADD COLUMN is_online BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE evotor_connections ADD COLUMN last_checked_at TIMESTAMP;
