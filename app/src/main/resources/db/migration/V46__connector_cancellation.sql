-- Stock-out cancellations sent to a connected marketplace (module connector): one row per
-- (order, line) however often it is asked. refund_ids: the refunds (module refund, no foreign key)
-- that wait for the platform's answer. status: SENDING (not answered yet), PENDING (the platform
-- accepted it and answers later: followed with reference), CONFIRMED, REFUSED (the platform said no,
-- or it could not be told: message says why). attempts counts calls to the platform.
create table connector_cancellation (
    order_number      text        not null,
    line_no           integer     not null,
    channel           text        not null,
    platform          text        not null,
    platform_order_id text,
    platform_line_id  text,
    sku               text        not null,
    quantity          integer     not null,
    cause             text        not null,
    refund_ids        text[]      not null default '{}',
    status            text        not null,
    reference         text,
    message           text,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    primary key (order_number, line_no)
);

create index connector_cancellation_open on connector_cancellation (status) where status in ('SENDING', 'PENDING');
