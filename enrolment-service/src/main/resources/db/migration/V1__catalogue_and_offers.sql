-- The course catalogue: shipped with the service (catalogue/courses.json), changed by admins.
create table course (
    code        varchar(100) not null primary key,
    name        varchar(300) not null,
    type        varchar(20)  not null,
    sector      varchar(40),
    programme   varchar(20)  not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200) not null
);

create table training_year (
    code         varchar(100) not null primary key,
    course_code  varchar(100) not null references course (code),
    name         varchar(300) not null,
    year_number  integer      not null,
    final_year   boolean      not null
);
create index training_year_course on training_year (course_code);

-- A course recognised in a province in a year (opgezet OKOT-traject).
create table offer (
    id           varchar(120) not null primary key,
    offer_year   integer      not null,
    course_code  varchar(100) not null references course (code),
    province     varchar(3)   not null,
    schools      varchar(4000) not null,
    created_at   timestamp with time zone not null,
    created_by   varchar(200) not null
);
create index offer_year on offer (offer_year);
