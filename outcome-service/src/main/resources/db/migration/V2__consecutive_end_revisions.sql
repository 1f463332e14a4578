-- Consecutive end revisions, kept by the database: revision n > 1 names revision n - 1 of the same
-- contract, which must exist (foreign key); with the primary key (contract_id, revision) a contract's
-- revisions are 1, 2, 3 ... without gaps or twins, whoever writes them.
alter table contract_end add column previous_revision integer;
update contract_end set previous_revision = revision - 1 where revision > 1;
alter table contract_end add constraint contract_end_consecutive
    check ((revision = 1 and previous_revision is null) or (revision > 1 and previous_revision = revision - 1));
alter table contract_end add constraint contract_end_previous
    foreign key (contract_id, previous_revision) references contract_end (contract_id, revision);
