-- Orders: one row per order, its lines, and every status change (who, when, why).
-- Channel codes and SKUs are the inventory's and catalog's; no foreign keys across modules.

create table orders_order (
    order_number       text primary key check (order_number ~ '^[0-9]{17}$'),
    channel            text not null,
    external_ref       text,
    status             text not null,
    customer_name      text not null,
    customer_email     text not null,
    customer_phone     text,
    customer_locale    text not null,
    payment_method     text not null check (payment_method in
                           ('CREDIT_CARD', 'DEBIT_CARD', 'KONBINI', 'BANK_TRANSFER', 'PAYPAY', 'GIFT_BALANCE', 'COD')),
    payment_status     text not null check (payment_status in ('AUTHORIZED', 'CAPTURED', 'PAID', 'UNPAID')),
    payment_amount     bigint not null check (payment_amount >= 0),
    points_used        bigint not null check (points_used >= 0),
    coupon_code        text,
    gift_balance_used  bigint not null check (gift_balance_used >= 0),
    express            boolean not null,
    gift               boolean not null,
    b2b                boolean not null,
    needed_by          date,
    shipping_fee       bigint not null check (shipping_fee >= 0),
    placed_at          timestamptz not null,
    -- idempotency: one order per marketplace order id (nulls are never equal: no dedup without a ref)
    constraint orders_order_channel_external_ref_key unique (channel, external_ref)
);

create table orders_line (
    order_number    text not null references orders_order (order_number),
    line_no         int  not null check (line_no >= 1),
    sku             text not null,
    quantity        int  not null check (quantity >= 1),
    unit_price      bigint not null check (unit_price >= 0),
    status          text not null,
    reservation_id  uuid,
    promised_date   date,
    primary key (order_number, line_no)
);

create index orders_line_sku on orders_line (sku, status);
create unique index orders_line_reservation on orders_line (reservation_id) where reservation_id is not null;

create table orders_status_history (
    id            bigint generated always as identity primary key,
    order_number  text not null references orders_order (order_number),
    line_no       int,            -- null: the order's own status
    from_status   text,
    to_status     text not null,
    actor         text not null,  -- 'api' for requests, 'system' for Zaiko's own decisions
    reason        text not null,
    at            timestamptz not null
);

create index orders_status_history_order on orders_status_history (order_number, id);
