-- Candidacies as intake-service reports them: only an approved one may get a contract.
create table known_candidacy (
    candidacy_id   varchar(36)  not null primary key,
    person_id      varchar(36)  not null,
    birth_date     date         not null,
    gender         varchar(1)   not null,
    course_code    varchar(100) not null,
    province       varchar(3)   not null,
    status         varchar(20)  not null,
    screened_on    date
);
create index known_candidacy_person on known_candidacy (person_id);

-- A VDAB training contract for one training year; the contracts of a candidacy form its cluster.
create table contract (
    id                varchar(36)  not null primary key,
    candidacy_id      varchar(36)  not null references known_candidacy (candidacy_id),
    person_id         varchar(36)  not null,
    cluster_id        varchar(36)  not null,
    training_code     varchar(100) not null references training_year (code),
    province          varchar(3)   not null,
    school            varchar(200),
    start_date        date         not null,
    planned_end_date  date         not null,
    actual_end_date   date,
    end_revision      integer      not null,
    cancelled         boolean      not null,
    cancelled_at      timestamp with time zone,
    cancelled_by      varchar(200),
    created_at        timestamp with time zone not null,
    created_by        varchar(200) not null
);
create index contract_person on contract (person_id);
create index contract_candidacy on contract (candidacy_id);
