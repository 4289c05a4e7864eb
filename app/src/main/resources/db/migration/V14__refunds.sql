-- Refunds: one row per part of a payment given back for one (order, line, cause). The unique key
-- is what makes a refund exactly-once: a duplicate event, a retried request or two instances
-- racing find the row already there. Order numbers, lines and reasons are the order and stockout
-- modules' values; no foreign keys across modules.

create table refund_order (
    -- one row per order that has refunds: locked while a request is split into parts, so two
    -- requests of one order never take the same yen of its payment
    order_number  text primary key
);

create table refund (
    id                uuid primary key,
    order_number      text not null references refund_order (order_number),
    line_no           int not null check (line_no >= 0),   -- 0: the order's shipping fee
    reason            text not null,
    means             text not null check (means in ('PAYMENT', 'GIFT_BALANCE', 'POINTS', 'COUPON')),
    route             text not null,
    amount            bigint not null check (amount > 0),
    currency          text not null,
    status            text not null check (status in
                          ('REQUESTED', 'AWAITING_ACCOUNT', 'PROCESSING', 'RETRYING', 'COMPLETED', 'FAILED')),
    case_id           text,
    locale            text not null,
    requested_at      timestamptz not null,
    expected_from     date,
    expected_by       date,
    account_deadline  timestamptz,          -- convenience-store and bank-transfer routes
    reminder_at       timestamptz,
    reminded_at       timestamptz,
    attempts          int not null default 0,
    next_attempt_at   timestamptz,
    last_error        text,
    needs_attention   boolean not null default false,
    gateway_key       text,                 -- idempotency key of the gateway call; a new one only after a definite decline
    transaction_id    text,                 -- the gateway's, or the ledger entry's key
    outcome           text,                 -- JSON: what the customer got (validity, replacement coupon code)
    completed_at      timestamptz,
    constraint refund_once unique (order_number, line_no, reason, means)
);

create index refund_status on refund (status) where status <> 'COMPLETED';
create index refund_attention on refund (needs_attention) where needs_attention;

create table refund_history (
    id          bigint generated always as identity primary key,
    refund_id   uuid not null references refund (id),
    from_status text,
    to_status   text not null,
    route       text not null,
    actor       text not null,
    note        text not null,
    at          timestamptz not null
);

create index refund_history_refund on refund_history (refund_id, id);

-- The account a customer registered for a refund by bank transfer. Personal data: shown masked.
create table refund_bank_account (
    order_number  text primary key references refund_order (order_number),
    bank_code     text not null check (bank_code ~ '^[0-9]{4}$'),
    branch_code   text not null check (branch_code ~ '^[0-9]{3}$'),
    account_type  text not null,
    number        text not null check (number ~ '^[0-9]{7}$'),
    holder_name   text not null,
    registered_at timestamptz not null
);

-- What a stockout cost the shop beyond the refund: apology coupons and absorbed price differences.
create table refund_compensation (
    id            bigint generated always as identity primary key,
    case_id       text not null,
    order_number  text not null,
    kind          text not null check (kind in ('APOLOGY_COUPON', 'ABSORBED_DIFFERENCE')),
    amount        bigint not null check (amount >= 0),
    percent       int,
    coupon_code   text,
    valid_until   date,
    policy        text not null,
    at            timestamptz not null
);

-- one apology per order (a customer missing two items gets one coupon); one absorbed difference per case
create unique index refund_compensation_apology_once on refund_compensation (order_number) where kind = 'APOLOGY_COUPON';
create unique index refund_compensation_absorbed_once on refund_compensation (case_id) where kind = 'ABSORBED_DIFFERENCE';

create index refund_compensation_order on refund_compensation (order_number);
