-- Stockout cases: one per (order line, reason), with the facts prepared at creation and every
-- status change. Order numbers, SKUs and channels belong to other modules: no foreign keys.

create sequence stockout_case_seq;

create table stockout_case (
    id                text primary key,                 -- SO-000123, read aloud by staff
    order_number      text not null check (order_number ~ '^[0-9]{17}$'),
    line_no           int  not null check (line_no >= 1),
    sku               text not null,
    quantity_short    int  not null check (quantity_short >= 1),
    reason            text not null,
    status            text not null check (status in ('OPEN', 'AWAITING_DECISION', 'RESOLVED', 'CLOSED')),
    priority          int  not null check (priority >= 1),
    service_level     text not null,                    -- the rule that set priority and deadline
    contact_deadline  timestamptz not null,
    detected_at       timestamptz not null,
    created_at        timestamptz not null,
    facts             jsonb not null,
    -- a repeated shortage event for the same line and reason creates nothing
    constraint stockout_case_line_reason_key unique (order_number, line_no, reason)
);

create index stockout_case_queue_idx on stockout_case (contact_deadline, priority, id);

create table stockout_status_history (
    id           bigserial primary key,
    case_id      text not null references stockout_case (id),
    from_status  text,
    to_status    text not null,
    actor        text not null,
    reason       text not null,
    at           timestamptz not null
);

create index stockout_status_history_case_idx on stockout_status_history (case_id, id);
