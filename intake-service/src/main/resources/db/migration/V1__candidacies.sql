-- The person: the only place where the INSZ and contact details live. person_id is a random
-- pseudonym, the only id that leaves this service.
create table person (
    person_id                 varchar(36)  not null primary key,
    insz                      varchar(11)  not null unique,
    first_name                varchar(100) not null,
    last_name                 varchar(100) not null,
    birth_date                date         not null,
    gender                    varchar(1)   not null,
    email                     varchar(200),
    phone                     varchar(50),
    registered_as_job_seeker  boolean      not null,
    created_at                timestamp with time zone not null
);

create table candidacy (
    id                   varchar(36)  not null primary key,
    person_id            varchar(36)  not null references person (person_id),
    course_code          varchar(100) not null,
    province             varchar(3)   not null,
    referral_kind        varchar(10)  not null,
    ocmw_id              varchar(100),
    social_worker_name   varchar(200),
    social_worker_email  varchar(200),
    social_worker_phone  varchar(50),
    status               varchar(40)  not null,
    submitted_at         timestamp with time zone not null,
    submitted_by         varchar(200) not null,
    version              integer      not null
);

create index candidacy_person on candidacy (person_id, course_code);
create index candidacy_status on candidacy (status);
