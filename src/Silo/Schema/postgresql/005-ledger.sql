-- Engagement's append-only ledger: ballots, refusals, scores and state changes, one hash chain per
-- stream. Rows are only ever inserted; (Stream, Seq) as the key stops two writers extending one chain.
CREATE TABLE IF NOT EXISTS EngagementLedger
(
    Stream  VARCHAR(200) NOT NULL,
    Seq     BIGINT       NOT NULL,
    Kind    VARCHAR(40)  NOT NULL,
    Actor   VARCHAR(200) NULL,
    Receipt VARCHAR(40)  NULL,
    Data    TEXT         NOT NULL,
    AtMs    BIGINT       NOT NULL,
    Hash    CHAR(64)     NOT NULL,
    PRIMARY KEY (Stream, Seq)
);
