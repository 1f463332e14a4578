-- The facts behind F1-F5 and F8, kept from the events (event-carried state). Each table is keyed by
-- the business id, so a fact re-published under another event id does not count twice either.

-- A training contract, from okot.contract.started or (when that arrives later) okot.course.ended.
create table contract_fact (
    contract_id    varchar(36)  not null primary key,
    candidacy_id   varchar(36)  not null,
    cluster_id     varchar(36)  not null,
    person_id      varchar(36)  not null,
    birth_date     date         not null,
    gender         varchar(1)   not null,
    course_code    varchar(100) not null,
    training_code  varchar(100) not null,
    training_name  varchar(300),
    training_year  integer      not null,
    final_year     boolean      not null,
    okot_type      varchar(20)  not null,
    sector         varchar(40),
    programme      varchar(20)  not null,
    province       varchar(3)   not null,
    start_date     date         not null
);
create index contract_fact_start on contract_fact (start_date);
create index contract_fact_cluster on contract_fact (cluster_id);

-- okot.contract.cancelled: the contract no longer counts anywhere (whatever order the events come in).
create table cancelled_contract (
    contract_id   varchar(36) not null primary key
);

-- The current end of a contract: the highest revision of okot.course.ended wins.
create table contract_end_fact (
    contract_id   varchar(36) not null primary key,
    revision      integer     not null,
    end_date      date        not null,
    result        varchar(10) not null,
    stop_reason   varchar(30)
);
create index contract_end_fact_date on contract_end_fact (end_date);

-- The latest outflow measurement of a cluster (okot.outflow.recorded).
create table outflow_fact (
    cluster_id    varchar(36) not null primary key,
    measured_on   date        not null,
    at_work       boolean     not null
);

-- Training offers (okot.offer.published) and the catalogue (okot.course.published), for F5 and labels.
create table offer_fact (
    offer_year    integer      not null,
    course_code   varchar(100) not null,
    province      varchar(3)   not null,
    primary key (offer_year, course_code, province)
);

create table course_fact (
    code        varchar(100) not null primary key,
    name        varchar(300) not null,
    okot_type   varchar(20)  not null,
    sector      varchar(40),
    programme   varchar(20)  not null
);

-- The later steps of a candidacy for the funnel (F8).
alter table candidacy_fact add column agreed_on date;
alter table candidacy_fact add column screened_on date;
alter table candidacy_fact add column decision varchar(10);
