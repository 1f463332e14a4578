-- Shared by every service (okot-messaging). Versions below 1 belong to okot-messaging;
-- a service's own migrations start at V1.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
create sequence okot_outbox_seq start with 1 increment by 50;

create table okot_outbox (
    id           bigint        not null primary key,
    event_id     varchar(64)   not null unique,
    event_type   varchar(100)  not null,
    topic        varchar(200)  not null,
    message_key  varchar(200)  not null,
    payload      varchar(1000000) not null,
    occurred_at  timestamp with time zone not null,
    published_at timestamp with time zone
);

create index okot_outbox_unpublished on okot_outbox (published_at, id);

-- Consumer side de-duplication: one row per applied ce_id, written with the change it caused.
create table okot_processed_event (
    event_id     varchar(64)   not null primary key,
    event_type   varchar(100)  not null,
    source_topic varchar(200)  not null,
    processed_at timestamp with time zone not null
);
