-- Insight's core read tables, folded from the journal (insight_event). One table per kind of fact,
-- keyed by the fact's own key, so that the same facts in any order give the same rows. No foreign
-- keys: a decision may be folded before its case. See docs/insight.md.

create table insight_order (
    order_number    text primary key,
    channel         text not null,
    customer_key    text,
    segment         text,
    b2b             boolean not null,
    placed_at       timestamptz not null,
    total           bigint not null,
    shipping_fee    bigint not null,
    -- the same customer's next order (the earliest placed after this one), or null: "ordered again"
    next_placed_at  timestamptz,
    -- the same customer's previous order (the latest placed before this one), or null: an order whose
    -- previous one lies before a range is the customer's first in the range
    prev_placed_at  timestamptz
);
create index insight_order_placed on insight_order (placed_at);
create index insight_order_customer on insight_order (customer_key, placed_at);

create table insight_order_line (
    order_number  text not null,
    line_no       int not null,
    sku           text not null,
    quantity      int not null,
    unit_price    bigint not null,
    backordered   boolean not null,
    primary key (order_number, line_no)
);
create index insight_order_line_sku on insight_order_line (sku);

create table insight_case (
    case_id             text primary key,
    order_number        text not null,
    line_no             int not null,
    sku                 text not null,
    reason              text not null,
    priority            int not null,
    detected_at         timestamptz not null,
    contact_deadline    timestamptz,
    service_level_rule  text,
    express             boolean not null,
    gift                boolean not null,
    b2b                 boolean not null,
    needed_by           date
);
create index insight_case_detected on insight_case (detected_at);
create index insight_case_sku on insight_case (sku, detected_at);
create index insight_case_order on insight_case (order_number);

create table insight_case_withdrawal (
    case_id    text primary key,
    reason     text,
    channel    text,
    at         timestamptz not null
);

create table insight_decision (
    case_id              text not null,
    decided_line         int not null,
    decided_at           timestamptz not null,
    line_no              int not null,
    order_number         text not null,
    choice               text not null,
    units                int not null,
    substitute_sku       text,
    promised_date        date,
    refund_amount        bigint not null,
    absorbed_amount      bigint not null,
    shipping_fee_refund  bigint not null,
    by_default           boolean not null,
    decided_by           text,
    primary key (case_id, decided_line, decided_at)
);
create index insight_decision_at on insight_decision (decided_at);

-- A call (kind CALL: outcome is the CallOutcome) or an email the shop sent (kind EMAIL: outcome is
-- the email's kind; case_id is the email's reference, which is the case for the contact desk's emails).
create table insight_contact (
    id            text primary key,
    kind          text not null check (kind in ('CALL', 'EMAIL')),
    case_id       text,
    order_number  text,
    outcome       text not null,
    operator      text,
    at            timestamptz not null,
    helped        text[] not null default '{}',
    hurt          text[] not null default '{}',
    lesson        text
);
create index insight_contact_case on insight_contact (case_id, at);
create index insight_contact_at on insight_contact (at);

create table insight_refund (
    refund_id     text primary key,
    order_number  text not null,
    line_no       int not null,
    reason        text,
    means         text,
    route         text,
    amount        bigint not null,
    at            timestamptz not null
);
create index insight_refund_at on insight_refund (at);
create index insight_refund_order on insight_refund (order_number, line_no);

create table insight_coupon_issued (
    coupon_code   text primary key,
    case_id       text not null,
    order_number  text not null,
    kind          text not null,
    value         bigint not null,
    policy        text,
    valid_until   date,
    at            timestamptz not null
);
create index insight_coupon_issued_at on insight_coupon_issued (at);

create table insight_coupon_redeemed (
    coupon_code   text not null,
    order_number  text not null,
    discount      bigint not null,
    at            timestamptz not null,
    primary key (coupon_code, order_number)
);
create index insight_coupon_redeemed_at on insight_coupon_redeemed (at);
