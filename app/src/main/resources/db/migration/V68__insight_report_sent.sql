-- The monthly stockout report email: one row per reported month, inserted in the transaction that queues
-- the email, so that however many instances run the job, the month's email is queued once. See
-- docs/insight-report.md.
create table insight_report_sent (
    month       text primary key check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    sent_at     timestamptz not null,
    recipients  int not null
);
