-- Engagement's append-only ledger: ballots, refusals, scores and state changes, one hash chain per
-- stream. Rows are only ever inserted; (Stream, Seq) as the key stops two writers extending one chain.
CREATE TABLE IF NOT EXISTS EngagementLedger
(
    Stream  TEXT    NOT NULL,
    Seq     INTEGER NOT NULL,
    Kind    TEXT    NOT NULL,
    Actor   TEXT    NULL,
    Receipt TEXT    NULL,
    Data    TEXT    NOT NULL,
    AtMs    INTEGER NOT NULL,
    Hash    TEXT    NOT NULL,
    PRIMARY KEY (Stream, Seq)
) WITHOUT ROWID;
