-- When insight started on this database: the monthly stockout report is only sent for months that end
-- after it (a shop that starts using Zaiko on the 7th gets no report of the month before). See
-- docs/insight-report.md.
create table insight_started (
    id  boolean primary key default true check (id),
    at  timestamptz not null default now()
);
insert into insight_started (at) values (now());
