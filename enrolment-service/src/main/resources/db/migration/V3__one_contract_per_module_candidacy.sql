-- api.md "Module 4a/4b trainings": a module has one training year, so a module candidacy has one contract.
-- module_candidacy_id is the candidacy of a module 4a/4b contract that is not cancelled, null for any other
-- contract (OKOT years, cancelled ones): the unique index lets no second live contract in, whoever writes it
-- (a null never collides, on H2 as on PostgreSQL), and a cancellation frees the candidacy for a corrected one.
alter table contract add column module_candidacy_id varchar(36);

update contract set module_candidacy_id = candidacy_id
 where cancelled = false
   and training_code in (select y.code from training_year y join course c on c.code = y.course_code
                          where c.programme in ('KNELPUNT_4A', 'KNELPUNT_4B'));

create unique index contract_one_per_module_candidacy on contract (module_candidacy_id);
