-- The date a step happened (a counsellor may register it late) next to when it was recorded.
alter table candidacy add column submitted_on date;
update candidacy set submitted_on = cast(submitted_at as date);
alter table candidacy alter column submitted_on set not null;

alter table candidacy add column agreed_on date;
alter table candidacy add column agreed_by varchar(200);

-- The intake interview (seed 003): four dimensions, the decision, probable start date and place.
create table screening (
    candidacy_id        varchar(36)   not null primary key references candidacy (id),
    motivation          varchar(20)   not null,
    preconditions       varchar(2000) not null,
    fits_path_to_work   boolean       not null,
    learning_ability    varchar(20)   not null,
    decision            varchar(10)   not null,
    probable_start_date date,
    probable_location   varchar(200),
    remarks             varchar(4000),
    screened_on         date          not null,
    screened_at         timestamp with time zone not null,
    screened_by         varchar(200)  not null
);

-- Everything that happened to a candidacy, its own steps and what the other services report.
create sequence timeline_entry_seq start with 1 increment by 50;
create table timeline_entry (
    id            bigint        not null primary key,
    candidacy_id  varchar(36)   not null references candidacy (id),
    step          varchar(40)   not null,
    occurred_on   date          not null,
    recorded_at   timestamp with time zone not null,
    actor         varchar(200),
    detail        varchar(2000),
    reference     varchar(100)
);
create index timeline_entry_candidacy on timeline_entry (candidacy_id, occurred_on, id);

-- The course catalogue as enrolment-service publishes it (okot.course.published).
create table known_course (
    code        varchar(100) not null primary key,
    name        varchar(300) not null,
    type        varchar(20)  not null,
    programme   varchar(20)  not null,
    updated_at  timestamp with time zone not null
);

-- Contracts of a candidacy as enrolment-service reports them, to keep the status right.
create table candidacy_contract (
    contract_id   varchar(36) not null primary key,
    candidacy_id  varchar(36) not null references candidacy (id),
    cluster_id    varchar(36) not null,
    cancelled     boolean     not null
);
create index candidacy_contract_candidacy on candidacy_contract (candidacy_id);
