-- The review console's own store, fed from Kafka (read_committed); every table is rebuilt from the topics if lost,
-- except decisions, audit and sessions, which are the console's own records.

-- Every verdict version as the job emitted it (the order page's history).
CREATE TABLE verdict_version (
    order_id        VARCHAR(200) NOT NULL,
    version         INT          NOT NULL,
    program         VARCHAR(100) NOT NULL,
    decision        VARCHAR(10)  NOT NULL,
    is_final        BOOLEAN      NOT NULL,
    score           DOUBLE       NOT NULL,
    reasons         CLOB         NOT NULL,
    eligible_value  DECIMAL(20, 4),
    eligible_ccy    VARCHAR(3),
    event_time      TIMESTAMP(3) WITH TIME ZONE,
    decided_at      TIMESTAMP(3) WITH TIME ZONE,
    policy_version  VARCHAR(200),
    decided_by      VARCHAR(200),
    PRIMARY KEY (order_id, version)
);

-- The newest version per order: what the queue lists and filters.
CREATE TABLE order_verdict (
    order_id        VARCHAR(200) PRIMARY KEY,
    program         VARCHAR(100) NOT NULL,
    decision        VARCHAR(10)  NOT NULL,
    is_final        BOOLEAN      NOT NULL,
    version         INT          NOT NULL,
    score           DOUBLE       NOT NULL,
    eligible_value  DECIMAL(20, 4),
    eligible_ccy    VARCHAR(3),
    event_time      TIMESTAMP(3) WITH TIME ZONE,
    decided_by      VARCHAR(200),
    reopened_by     VARCHAR(100),
    reopened_at     TIMESTAMP(3) WITH TIME ZONE
);
CREATE INDEX order_verdict_queue ON order_verdict (decision, event_time);
CREATE INDEX order_verdict_program ON order_verdict (program);

-- The reason codes of the newest version (filters and counts per reason).
CREATE TABLE order_reason (
    order_id  VARCHAR(200) NOT NULL,
    code      VARCHAR(60)  NOT NULL,
    severity  VARCHAR(10)  NOT NULL,
    PRIMARY KEY (order_id, code, severity)
);
CREATE INDEX order_reason_code ON order_reason (code);

-- What the input says about an order: its newest amount, the click it names, its user and device.
CREATE TABLE order_ref (
    order_id     VARCHAR(200) PRIMARY KEY,
    click_id     VARCHAR(200),
    user_id      VARCHAR(200),
    device_id    VARCHAR(200),
    amount       DECIMAL(20, 4),
    currency     VARCHAR(3),
    first_ts     TIMESTAMP(3) WITH TIME ZONE
);
CREATE INDEX order_ref_click ON order_ref (click_id);
CREATE INDEX order_ref_device ON order_ref (device_id);

-- Each click's publisher and device (the queue's publisher filter, the related-orders panels).
CREATE TABLE click_ref (
    click_id      VARCHAR(200) PRIMARY KEY,
    publisher_id  VARCHAR(200),
    device_id     VARCHAR(200),
    ts            TIMESTAMP(3) WITH TIME ZONE
);
CREATE INDEX click_ref_publisher ON click_ref (publisher_id);

-- The input events behind the evidence (clicks, sessions, order steps), exactly as read; the order page's timeline
-- and the label export's fixture lines.
CREATE TABLE input_event (
    event_id   VARCHAR(300) PRIMARY KEY,
    type       VARCHAR(30)  NOT NULL,
    kind       VARCHAR(20)  NOT NULL,
    order_id   VARCHAR(200),
    click_id   VARCHAR(200),
    ts         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    summary    VARCHAR(1000) NOT NULL,
    program    VARCHAR(100),
    raw        CLOB         NOT NULL
);
CREATE INDEX input_event_order ON input_event (order_id);
CREATE INDEX input_event_click ON input_event (click_id);
CREATE INDEX input_event_ts ON input_event (ts);

-- Where ingestion stands per topic partition, written in the same transaction as the rows it read.
CREATE TABLE ingest_offset (
    topic        VARCHAR(300) NOT NULL,
    part         INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, part)
);

-- Decisions the console sent; decision_key is the form's one-time key, so a double click or a retry sends one.
CREATE TABLE decision (
    decision_key  VARCHAR(64)  PRIMARY KEY,
    order_id      VARCHAR(200) NOT NULL,
    decision      VARCHAR(10)  NOT NULL,
    analyst       VARCHAR(100) NOT NULL,
    note          VARCHAR(2000) NOT NULL,
    ts            TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    reversal      BOOLEAN      NOT NULL,
    record        CLOB         NOT NULL,
    sent          BOOLEAN      NOT NULL
);
CREATE INDEX decision_order ON decision (order_id);

-- Every decision, reopening, evidence view, login and refusal.
CREATE TABLE audit (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    username  VARCHAR(100),
    action    VARCHAR(40)  NOT NULL,
    order_id  VARCHAR(200),
    detail    VARCHAR(2000),
    remote    VARCHAR(100)
);
CREATE INDEX audit_at ON audit (at);

-- Logged-in sessions, by the SHA-256 of their cookie (a copy of the database does not hand out sessions).
CREATE TABLE login_session (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    username    VARCHAR(100) NOT NULL,
    csrf        VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL
);
