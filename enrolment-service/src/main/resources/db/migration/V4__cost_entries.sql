-- Money VDAB spent for a contract (api.md POST /contracts/{id}/costs; figures.md F9). Entries are never changed
-- or deleted: a correction is an entry of its own, negative, naming the entry it corrects. (V3 is left to the
-- module-contract migration of the same issue.)
create table cost_entry (
    id           varchar(36)   not null primary key,
    contract_id  varchar(36)   not null references contract (id),
    kind         varchar(20)   not null,
    amount       numeric(12,2) not null,
    booked_on    date          not null,
    corrects     varchar(36),
    note         varchar(500),
    recorded_at  timestamp with time zone not null,
    recorded_by  varchar(200)  not null,
    constraint cost_entry_kind check (kind in ('REGISTRATION_FEE', 'STUDY_COSTS', 'LEARNING_MATERIALS', 'ADMINISTRATION')),
    -- the sign rule: a new entry is positive, a correction negative
    constraint cost_entry_sign check ((corrects is null and amount > 0) or (corrects is not null and amount < 0)),
    -- the target of the composite key below
    constraint cost_entry_of_contract_kind unique (id, contract_id, kind),
    -- a correction corrects an entry of the same contract and kind
    constraint cost_entry_corrects_same foreign key (corrects, contract_id, kind)
        references cost_entry (id, contract_id, kind)
);
create index cost_entry_contract on cost_entry (contract_id, booked_on);
create index cost_entry_corrected on cost_entry (corrects);
