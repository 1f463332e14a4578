-- Found with the demo population (41 500 persons): the funnel looked up contracts by candidacy
-- and candidacies by agreement and screening date without an index.
create index contract_fact_candidacy on contract_fact (candidacy_id);
create index candidacy_fact_agreed on candidacy_fact (agreed_on);
create index candidacy_fact_screened on candidacy_fact (screened_on);
