-- One database per service, one owner role: each service owns its data (docker-compose.yml).
CREATE ROLE okot LOGIN PASSWORD 'okot';
CREATE DATABASE okot_intake OWNER okot;
CREATE DATABASE okot_enrolment OWNER okot;
CREATE DATABASE okot_outcome OWNER okot;
CREATE DATABASE okot_stats OWNER okot;
