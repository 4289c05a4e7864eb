-- Orders in: where each connected channel's order pull goes on from, and how its last pull went.
-- The cursor is the platform's own (a time, a paging token): it moves only after every order of the
-- page it came with was recorded or kept in the inbox.
create table connector_order_cursor (
    channel         text primary key,
    cursor          text,
    next_pull_at    timestamptz,
    last_pull_at    timestamptz,
    last_success_at timestamptz,
    last_error      text,
    last_error_at   timestamptz
);

-- Every platform order a connector recorded, once per (channel, platform order id), with the import
-- lag: from the order's creation on the platform (its clock) to its recording in Zaiko.
create table connector_order_import (
    channel             text        not null,
    order_id            text        not null,
    order_number        text        not null,
    platform_created_at timestamptz not null,
    recorded_at         timestamptz not null,
    lag_ms              bigint      not null,
    cancelled_at        timestamptz,
    primary key (channel, order_id)
);

create index connector_order_import_recent on connector_order_import (channel, recorded_at);

-- Platform orders that could not be recorded (an unknown SKU, a payment that does not add up, a
-- malformed record): the reason, the platform's record as read, and the order in the port's words
-- to try again once the mapping is fixed. OPEN until RECORDED or DISMISSED.
create table connector_order_inbox (
    id             uuid        primary key,
    channel        text        not null,
    order_id       text        not null,
    reason         text        not null,
    message        text        not null,
    raw            text,
    platform_order jsonb       not null,
    received_at    timestamptz not null,
    last_tried_at  timestamptz not null,
    attempts       int         not null,
    status         text        not null check (status in ('OPEN', 'RECORDED', 'DISMISSED')),
    order_number   text,
    unique (channel, order_id)
);

create index connector_order_inbox_open on connector_order_inbox (channel) where status = 'OPEN';
