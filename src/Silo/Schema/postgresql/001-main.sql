-- Engagement schema for PostgreSQL (15+), part 1: shared catalogue.
-- Applied by SchemaInstaller on every start, inside one transaction under an advisory lock;
-- every statement must be safe to run again on a database created by this or an earlier
-- version of these scripts. Identifiers are unquoted (folded to lower case) because Orleans'
-- queries and column lookups are unquoted/case-insensitive.

-- Orleans' ADO.NET providers read the SQL they run from this table at start-up, by QueryKey.
-- The scripts after this one upsert their rows here, so a new release replaces the query texts.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);

-- Our own record of which scripts were applied, with the checksum of the text that was applied
-- and when that text was first applied (AppliedAt only moves when the checksum changes).
CREATE TABLE IF NOT EXISTS EngagementSchema
(
    Script    text        NOT NULL,
    Checksum  text        NOT NULL,
    AppliedAt timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT PK_EngagementSchema PRIMARY KEY (Script)
);
