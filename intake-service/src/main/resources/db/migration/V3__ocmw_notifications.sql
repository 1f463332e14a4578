-- Status notifications for OCMW social workers (seed 003): only which candidacy and what happened.
-- cursor_value stays empty until the sequencer numbers the row, so a reader never skips a late commit.
create table ocmw_notification (
    id                   varchar(36)  not null primary key,
    cursor_value         bigint       unique,
    ocmw_id              varchar(100) not null,
    candidacy_id         varchar(36)  not null,
    kind                 varchar(40)  not null,
    occurred_on          date         not null,
    created_at           timestamp with time zone not null,
    decision             varchar(10),
    probable_start_date  date,
    probable_location    varchar(200),
    training_code        varchar(100),
    training_name        varchar(300),
    result               varchar(20),
    revision             integer
);
create index ocmw_notification_inbox on ocmw_notification (ocmw_id, cursor_value);
create index ocmw_notification_unsequenced on ocmw_notification (cursor_value, created_at);

create table ocmw_webhook (
    ocmw_id     varchar(100)  not null primary key,
    url         varchar(2000) not null,
    secret      varchar(200)  not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200)  not null
);

-- One delivery per notification to the OCMW's webhook: at least once, retried with back-off for 24 hours.
create table webhook_delivery (
    notification_id  varchar(36)  not null primary key references ocmw_notification (id),
    ocmw_id          varchar(100) not null,
    status           varchar(20)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp with time zone,
    last_attempt_at  timestamp with time zone,
    last_error       varchar(500),
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null
);
create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
