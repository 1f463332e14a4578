-- Shared by every service (okot-web): Idempotency-Keys are scoped to the caller (api.md: "keys are
-- scoped to the caller"): the organisation and subject of the token, the operation and the client's key.
-- The primary key is the SHA-256 (hex) of those four parts, so the database itself refuses a second
-- row for the same scoped key (a concurrent twin fails on it) whatever their lengths: a path id or a
-- token subject has no upper bound, and PostgreSQL cannot index long texts.
create table okot_idempotency_key (
    scoped_key_hash      char(64)      not null primary key,
    caller_organisation  varchar       not null,
    caller_subject       varchar       not null,
    operation            varchar       not null,
    idempotency_key      varchar(200)  not null,
    request_hash         varchar(64)   not null,
    status               integer       not null,
    response_body        varchar(1000000),
    location             varchar(1000),
    created_at           timestamp with time zone not null
);

-- Keys recorded before this version carry no caller: replaying them to anyone is the flaw this
-- version removes, and their stored answers are copies of personal data. They are dropped; a client
-- retrying across the upgrade gets the domain's own answer (e.g. 409 for a candidacy already open).
drop table okot_idempotent_request;
