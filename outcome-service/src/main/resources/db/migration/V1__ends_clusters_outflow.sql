-- Contracts as enrolment-service reports them (event-carried state): what ends and outflow need.
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
    start_date     date         not null,
    cancelled      boolean      not null
);
create index contract_fact_cluster on contract_fact (cluster_id);

-- Every revision of the end of a training year: a correction adds a revision, history is kept.
create table contract_end (
    contract_id   varchar(36)  not null references contract_fact (contract_id),
    revision      integer      not null,
    end_date      date         not null,
    result        varchar(10)  not null,
    stop_reason   varchar(30),
    recorded_at   timestamp with time zone not null,
    recorded_by   varchar(200) not null,
    primary key (contract_id, revision)
);

-- The state of each cluster, kept up to date with its contracts and their ends (rule of F4).
create table cluster_state (
    cluster_id        varchar(36)  not null primary key,
    candidacy_id      varchar(36)  not null,
    person_id         varchar(36)  not null,
    last_contract_id  varchar(36),
    closed            boolean      not null,
    cluster_end       date,
    ending            varchar(20),
    measurement_date  date
);
create index cluster_state_due on cluster_state (closed, measurement_date);

-- Whether the person was at work 3 months after the cluster ended; a new measurement replaces it.
create table outflow_measurement (
    cluster_id    varchar(36)  not null primary key references cluster_state (cluster_id),
    measured_on   date         not null,
    at_work       boolean      not null,
    recorded_at   timestamp with time zone not null,
    recorded_by   varchar(200) not null
);
