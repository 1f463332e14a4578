-- F9, money spent: every cost entry as okot.cost.recorded carries it (event-carried state), keyed by the entry's
-- id so an entry re-published under another event id does not count twice. Corrections are negative entries of
-- their own. (V5 is left to the knelpunt-outflow work of the same issue.)
create table cost_fact (
    cost_id        varchar(36)   not null primary key,
    contract_id    varchar(36)   not null,
    person_id      varchar(36)   not null,
    birth_date     date          not null,
    gender         varchar(1)    not null,
    kind           varchar(20)   not null,
    amount         numeric(12,2) not null,
    booked_on      date          not null,
    corrects       varchar(36),
    course_code    varchar(100)  not null,
    training_code  varchar(100)  not null,
    training_name  varchar(300),
    okot_type      varchar(20)   not null,
    sector         varchar(40),
    programme      varchar(20)   not null,
    province       varchar(3)    not null
);
create index cost_fact_booked on cost_fact (booked_on);
