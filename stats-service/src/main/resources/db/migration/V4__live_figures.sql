-- The live figures recompute one person's contributions after each change of that person's facts:
-- the facts of a person, found by person.
create index contract_fact_person on contract_fact (person_id);
create index candidacy_fact_person on candidacy_fact (person_id);

-- The contract as okot.contract.started says it wins over the copy an earlier okot.course.ended carried
-- (true for the rows stored so far: they keep what they say).
alter table contract_fact add column from_start_event boolean default true not null;
