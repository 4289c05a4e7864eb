-- The contact desk: one row per stockout case it works, the call tasks of its queue, every call
-- and email (the interaction log), the customers' decision links and the key that signs them.
-- Case ids and order numbers are the stockout and order modules' values; no foreign keys across
-- modules.

create table contact_case (
    case_id             text primary key,
    order_number        text not null,
    line_no             int not null,
    priority            int not null,
    contact_deadline    timestamptz not null,
    detected_at         timestamptz not null,
    express             boolean not null,
    gift                boolean not null,
    b2b                 boolean not null,
    locale              text not null,
    customer_email      text,                 -- lower case, for the per-customer log; never logged
    queue               text not null default 'OPERATORS' check (queue in ('OPERATORS', 'SUPERVISORS')),
    mode                text not null check (mode in ('CALLS', 'EMAIL_ONLY', 'DONE')),
    calls               int not null default 0,
    missed_calls        int not null default 0,
    wrong_number        boolean not null default false,
    first_contact_at    timestamptz,
    escalated_at        timestamptz,
    escalated_by        text,
    escalation_reason   text,
    email_problem       text,                 -- a bounce or an email that could not be delivered
    needs_attention     boolean not null default false,
    decided_at          timestamptz,
    decision_choice     text,
    refund_expected     boolean,
    refunds_recorded_at timestamptz,
    compensated_at      timestamptz,
    coupon_code         text,
    follow_up_line      text,                 -- the operator's personal line for the follow-up
    follow_up_by        text,
    follow_up_sent_at   timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create index contact_case_order on contact_case (order_number);
create index contact_case_customer on contact_case (customer_email);

-- A call the desk owes the customer: the first call of a case, or a callback. One open task per
-- case at most; a recorded call closes it.
create table contact_call_task (
    id            uuid primary key,
    case_id       text not null references contact_case (case_id),
    kind          text not null check (kind in ('FIRST_CALL', 'CALLBACK', 'SUPERVISOR_CALL')),
    queue         text not null check (queue in ('OPERATORS', 'SUPERVISORS')),
    due_by        timestamptz not null,   -- the contact deadline, or the time the shop said it would call
    not_before    timestamptz not null,   -- the first moment inside calling hours
    asked_by_customer boolean not null default false,
    status        text not null check (status in ('OPEN', 'DONE', 'CANCELLED')),
    created_at    timestamptz not null,
    closed_at     timestamptz,
    closed_by     text
);

create unique index contact_call_task_one_open on contact_call_task (case_id) where status = 'OPEN';
create index contact_call_task_queue on contact_call_task (queue, due_by) where status = 'OPEN';

create table contact_interaction (
    id              uuid primary key,
    seq             bigint generated always as identity,   -- the order things were written in
    case_id         text not null references contact_case (case_id),
    order_number    text not null,
    customer_email  text,
    channel         text not null check (channel in ('CALL', 'EMAIL', 'DESK')),
    kind            text not null,       -- a call outcome, an email kind, or a desk event (ESCALATED, ...)
    operator        text,
    notes           text,
    message_id      text,
    next_call_at    timestamptz,
    decision        text,
    at              timestamptz not null
);

create index contact_interaction_case on contact_interaction (case_id, at);
create index contact_interaction_order on contact_interaction (order_number, at);
create index contact_interaction_customer on contact_interaction (customer_email, at);
create index contact_interaction_operator on contact_interaction (operator, at);
create index contact_interaction_at on contact_interaction (at);

-- Every decision link sent: the signature proves Zaiko made it, this row that it was issued for
-- this case and not withdrawn; used_at records the decision taken through it.
create table contact_link (
    id          uuid primary key,
    case_id     text not null references contact_case (case_id),
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    used_for    text
);

create index contact_link_case on contact_link (case_id);

-- The key that signs decision links when zaiko.contact.link-secret is not set: made once, shared
-- by every instance on the database, kept across restarts.
create table contact_secret (
    name        text primary key,
    value       bytea not null,
    created_at  timestamptz not null
);
