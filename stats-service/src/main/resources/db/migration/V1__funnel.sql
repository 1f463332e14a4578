-- One row per candidacy, as the intake events describe it (event-carried state).
create table candidacy_fact (
    candidacy_id   varchar(36)  not null primary key,
    person_id      varchar(36)  not null,
    submitted_on   date         not null,
    referral_kind  varchar(10)  not null,
    course_code    varchar(100) not null,
    province       varchar(3)   not null,
    gender         varchar(1)   not null,
    birth_date     date         not null
);

create index candidacy_fact_submitted on candidacy_fact (submitted_on);

-- The last event applied: every answer says as of which event it was computed.
create table stats_watermark (
    id              integer      not null primary key,
    last_event_id   varchar(64)  not null,
    last_event_type varchar(100) not null,
    last_event_time timestamp with time zone,
    applied_at      timestamp with time zone not null
);
