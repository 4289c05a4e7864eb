-- Channel sync (module channel): what each channel may sell, as a change feed, and the
-- webhook endpoints it is pushed to.

-- SKUs whose channel values must be computed again. A stock change marks its SKU (in its own
-- transaction, or right after the reservation engine's commit); the feed writer removes the
-- mark it computed from only if no newer mark came meanwhile.
create sequence channel_dirty_mark;
create table channel_dirty (
    sku       text primary key,
    mark      bigint      not null,
    marked_at timestamptz not null
);
create index channel_dirty_by_mark on channel_dirty (mark);

-- The latest value per channel and SKU. seq (from channel_feed_seq) changes only when ats or
-- level changes, so reading "seq > cursor" gives each changed SKU once, at its latest value.
create sequence channel_feed_seq;
create table channel_feed (
    channel    text        not null,
    sku        text        not null,
    ats        integer     not null,
    level      text        not null,
    seq        bigint      not null,
    changed_at timestamptz not null,
    primary key (channel, sku)
);
create unique index channel_feed_by_seq on channel_feed (channel, seq);
create index channel_feed_by_sku on channel_feed (sku);

create table channel_webhook (
    id                uuid primary key,
    channel           text        not null,
    url               text        not null,
    secret            text        not null,
    cursor            bigint      not null default 0,
    failures          integer     not null default 0,
    next_attempt_at   timestamptz,
    claimed_until     timestamptz,
    last_error        text,
    last_delivered_at timestamptz,
    created_at        timestamptz not null
);
create index channel_webhook_by_channel on channel_webhook (channel);
