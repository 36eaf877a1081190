-- Engagement schema for SQLite (embedded mode), part 1: shared catalogue.
-- Applied by SchemaInstaller on every start, inside one transaction; every statement must be
-- safe to run again on a database created by this or an earlier version of these scripts.

-- Orleans' ADO.NET providers read the SQL they run from this table at start-up, by QueryKey.
-- The scripts after this one upsert their rows here, so a new release replaces the query texts.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- Our own record of which scripts were applied, with the checksum of the text that was applied
-- and when that text was first applied (AppliedAt only moves when the checksum changes).
CREATE TABLE IF NOT EXISTS EngagementSchema
(
    Script    TEXT NOT NULL PRIMARY KEY,
    Checksum  TEXT NOT NULL,
    AppliedAt TEXT NOT NULL
);
