-- Till sales in: a POS platform's (Smaregi's) transactions at a channel's store become till sales
-- (returns: receipts to inspect) in the inventory, each line once.

-- Where each channel's till-sale pull goes on from, and how its last pull went. The cursor is the
-- adapter's own (a time window and page); it moves only after every line of its page was recorded
-- or its transaction kept in the inbox.
create table connector_till_sale_cursor (
    channel         text primary key,
    cursor          text,
    next_pull_at    timestamptz,
    last_pull_at    timestamptz,
    last_success_at timestamptz,
    last_error      text,
    last_error_at   timestamptz
);

-- Every till transaction line recorded, once per (channel, transaction, line): the row is written in
-- the same database transaction as the stock movement, so a crash leaves both or neither.
create table connector_till_sale_line (
    channel        text        not null,
    transaction_id text        not null,
    line_id        text        not null,
    kind           text        not null check (kind in ('SALE', 'RETURN')),
    sku            text        not null,
    location       text        not null,
    quantity       int         not null check (quantity > 0),
    sold_at        timestamptz,
    recorded_at    timestamptz not null,
    lag_ms         bigint      not null,
    primary key (channel, transaction_id, line_id)
);

create index connector_till_sale_line_recent on connector_till_sale_line (channel, recorded_at);

-- The import inbox also keeps till transactions that could not be recorded whole (a product with no
-- mapping, a sale the inventory refused): order_id is then the platform's transaction id.
alter table connector_order_inbox add column kind text not null default 'ORDER'
    check (kind in ('ORDER', 'TILL_SALE'));
