-- The facts of each contract of a candidacy, so its status is derived from them whatever order the
-- events of enrolment-service and outcome-service arrive in: the start (a course end may arrive
-- before the contract's start), the cancellation, and the current end (highest revision).
alter table candidacy_contract add column start_date date;
alter table candidacy_contract add column final_year boolean default false not null;
-- false while only an end told about the contract: its start still gets its timeline entry
alter table candidacy_contract add column start_reported boolean default true not null;
alter table candidacy_contract add column end_revision integer default 0 not null;
alter table candidacy_contract add column end_date date;
alter table candidacy_contract add column end_result varchar(10);
alter table candidacy_contract add column stop_reason varchar(30);
update candidacy_contract set start_date = (select min(t.occurred_on) from timeline_entry t
    where t.reference = candidacy_contract.contract_id and t.step = 'CONTRACT_STARTED');

-- The revision of a course end entry: with the business date and the step it orders the timeline.
alter table timeline_entry add column revision integer;
