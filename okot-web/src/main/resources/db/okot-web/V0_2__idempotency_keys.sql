-- Shared by every service (okot-web): the first answer to each POST with an Idempotency-Key,
-- stored in the transaction of the change it made.
create table okot_idempotent_request (
    id             varchar(320)  not null primary key,
    request_hash   varchar(64)   not null,
    status         integer       not null,
    response_body  varchar(1000000),
    location       varchar(1000),
    created_at     timestamp with time zone not null
);
