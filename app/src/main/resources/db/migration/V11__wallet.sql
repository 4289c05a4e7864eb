-- Wallet: the shop's own ledgers of points and gift balance, and its coupons.
-- A customer is their email, normalized (stripped, lower case): Zaiko has no customer ids.
-- Order numbers are kept as their digits. No foreign keys to other modules' tables.

-- A lot is one grant of points or gift balance with its own validity. Its remaining amount is
-- never stored: it is the sum of the lot's entries, which are only ever added.
create table wallet_lot (
    id           bigint generated always as identity primary key,
    customer     text   not null check (customer <> ''),
    kind         text   not null check (kind in ('POINTS', 'GIFT_BALANCE')),
    amount       bigint not null check (amount > 0),
    valid_until  date   not null,  -- inclusive, in the shop's zone; spendable while today <= valid_until
    source       text   not null check (source in ('GRANT', 'CREDIT', 'REGRANT')),
    reason       text   not null,
    created_at   timestamptz not null
);

-- spending reads a customer's unexpired lots, earliest expiry first
create index wallet_lot_customer on wallet_lot (customer, kind, valid_until);

-- GRANT: the lot's amount (grants and credits). REDEEM: taken by an order (negative).
-- RETURN: given back to the lot it was taken from. REGRANT: given back into a new lot because the
-- lot it was taken from had expired; origin_lot_id names that lot.
create table wallet_entry (
    id             bigint generated always as identity primary key,
    lot_id         bigint not null references wallet_lot (id),
    kind           text   not null check (kind in ('GRANT', 'REDEEM', 'RETURN', 'REGRANT')),
    amount         bigint not null check (amount <> 0 and (kind = 'REDEEM') = (amount < 0)),
    order_number   text,
    origin_lot_id  bigint references wallet_lot (id),
    operation      text,  -- the idempotency key of the call that wrote it, if any
    at             timestamptz not null,
    constraint wallet_entry_regrant_origin check ((kind = 'REGRANT') = (origin_lot_id is not null)),
    constraint wallet_entry_order check ((kind = 'GRANT') = (order_number is null))
);

create index wallet_entry_lot on wallet_entry (lot_id);
create index wallet_entry_order on wallet_entry (order_number) where order_number is not null;

-- What an order spent from the wallet: one row per order, so that placing it twice redeems once.
create table wallet_redemption (
    order_number     text primary key,
    customer         text   not null,
    points           bigint not null check (points >= 0),
    gift_balance     bigint not null check (gift_balance >= 0),
    coupon_code      text,
    coupon_discount  bigint not null check (coupon_discount >= 0),
    at               timestamptz not null,
    constraint wallet_redemption_discount_needs_code check (coupon_discount = 0 or coupon_code is not null)
);

-- A coupon is single use. status and redeemed_by are the last row of its history, kept in step
-- under the coupon's row lock.
create table wallet_coupon (
    code           text primary key check (code = btrim(code) and code <> ''),
    campaign       text   not null,
    discount_kind  text   not null check (discount_kind in ('FIXED', 'PERCENT')),
    value          bigint not null check (value > 0 and (discount_kind = 'FIXED' or value <= 100)),
    campaign_ends  date   not null,  -- inclusive, in the shop's zone
    customer       text,             -- null: anyone may use it (once)
    status         text   not null check (status in ('ISSUED', 'REDEEMED')),
    redeemed_by    text,
    replaces       text references wallet_coupon (code),
    created_at     timestamptz not null,
    constraint wallet_coupon_redeemed_by check ((status = 'REDEEMED') = (redeemed_by is not null))
);

create index wallet_coupon_customer on wallet_coupon (customer) where customer is not null;

-- ISSUED, REDEEMED (by an order), RESTORED (unused again: the order's whole discount came back while the
-- campaign ran), REPLACED (the order's discount, or part of it, came back as another coupon).
create table wallet_coupon_history (
    id            bigint generated always as identity primary key,
    code          text not null references wallet_coupon (code),
    event         text not null check (event in ('ISSUED', 'REDEEMED', 'RESTORED', 'REPLACED')),
    status        text not null check (status in ('ISSUED', 'REDEEMED')),  -- the coupon's status after it
    order_number  text,
    amount        bigint check (amount >= 0),  -- RESTORED, REPLACED: the yen of the order's discount given back
    replacement   text references wallet_coupon (code),
    operation     text,
    at            timestamptz not null,
    constraint wallet_coupon_history_return check ((event in ('RESTORED', 'REPLACED')) = (amount is not null)),
    constraint wallet_coupon_history_replacement check ((event = 'REPLACED') = (replacement is not null))
);

create index wallet_coupon_history_code on wallet_coupon_history (code, id);
create index wallet_coupon_history_order on wallet_coupon_history (order_number) where order_number is not null;

-- Idempotency: a call made with a key records it here with its answer; the same key again answers
-- that, changing nothing. request says what was asked (personal values as digests), so that a key
-- reused for another call is told apart.
create table wallet_operation (
    key        text primary key,
    operation  text  not null,
    request    text  not null,
    result     jsonb,
    at         timestamptz not null
);
