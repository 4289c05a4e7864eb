-- Inventory: locations, channels and their pools, stock levels per SKU and location, the
-- append-only movement ledger, reservations, protections and expected inbounds.

create table inventory_location (
    code        text primary key,
    kind        text not null check (kind in ('WAREHOUSE', 'STORE', 'SUPPLIER')),
    name        text not null,
    created_at  timestamptz not null
);

create table inventory_channel (
    code        text primary key,
    kind        text not null check (kind in ('OWN', 'MARKETPLACE')),
    name        text not null,
    online      boolean not null,
    created_at  timestamptz not null
);

-- The pool a channel sells from, in the order the engine takes from it.
create table inventory_channel_location (
    channel     text not null references inventory_channel (code) on delete cascade,
    location    text not null references inventory_location (code),
    position    int  not null,
    primary key (channel, location)
);

-- Inventory's own view of a product: the facts the engine needs, copied from catalog events.
-- The row is also the per-SKU lock every stock change takes first.
create table inventory_item (
    sku                  text primary key,
    one_of_a_kind        boolean not null,
    backorderable        boolean not null,
    low_stock_threshold  int not null,
    discontinued         boolean not null,
    updated_at           timestamptz not null
);

-- Disjoint buckets: a unit is in exactly one of them. The check constraints are the last line
-- of defence against overselling: no code path can drive a bucket below zero.
create table inventory_stock_level (
    sku         text not null references inventory_item (sku),
    location    text not null references inventory_location (code),
    inspecting  int  not null default 0 check (inspecting >= 0),
    sellable    int  not null default 0 check (sellable >= 0),
    reserved    int  not null default 0 check (reserved >= 0),
    defective   int  not null default 0 check (defective >= 0),
    primary key (sku, location)
);

-- Append-only ledger: quantity units moved from one bucket to another; a null bucket is the
-- outside world (a receipt comes from it, a shipment or till sale goes to it).
create table inventory_movement (
    id           bigint generated always as identity primary key,
    sku          text not null,
    location     text not null,
    from_bucket  text check (from_bucket in ('INSPECTING', 'SELLABLE', 'RESERVED', 'DEFECTIVE')),
    to_bucket    text check (to_bucket in ('INSPECTING', 'SELLABLE', 'RESERVED', 'DEFECTIVE')),
    quantity     int  not null check (quantity > 0),
    kind         text not null,
    reference    text,
    reason       text,
    occurred_at  timestamptz not null,
    check (from_bucket is distinct from to_bucket)
);
create index inventory_movement_sku on inventory_movement (sku, location);

-- One row per part of a reservation (a reservation may take units from several locations).
create table inventory_reservation (
    id          uuid not null,
    part        smallint not null,
    sku         text not null,
    channel     text not null,
    location    text not null,
    quantity    int  not null check (quantity > 0),
    holder      text,
    segment     text,
    batch       uuid,
    status      text not null check (status in ('OPEN', 'RELEASED', 'COMMITTED', 'DISPLACED')),
    created_at  timestamptz not null,
    closed_at   timestamptz,
    primary key (id, part)
);
create index inventory_reservation_open on inventory_reservation (sku, location, created_at desc) where status = 'OPEN';
create index inventory_reservation_displaced on inventory_reservation (sku) where status = 'DISPLACED';

create table inventory_protection (
    id          bigint generated always as identity primary key,
    kind        text not null check (kind in ('STORE_KEEPS', 'ONLINE_ONLY', 'MEMBER_QUOTA')),
    location    text not null references inventory_location (code),
    sku         text references inventory_item (sku),
    quantity    int  not null check (quantity > 0),
    segment     text,
    created_at  timestamptz not null,
    check ((kind = 'MEMBER_QUOTA') = (segment is not null))
);
create index inventory_protection_location on inventory_protection (location);

create table inventory_inbound (
    id             bigint generated always as identity primary key,
    sku            text not null references inventory_item (sku),
    location       text not null references inventory_location (code),
    quantity       int  not null check (quantity > 0),
    expected_on    date not null,
    reference      text,
    status         text not null check (status in ('EXPECTED', 'ARRIVED', 'CANCELLED')),
    created_at     timestamptz not null
);
create index inventory_inbound_expected on inventory_inbound (sku, expected_on) where status = 'EXPECTED';
