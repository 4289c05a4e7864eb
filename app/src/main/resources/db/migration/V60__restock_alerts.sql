-- Back-in-stock alerts (restock module, docs/restock-alerts.md).
--
-- One row per person, SKU and channel: subscribing again reuses it. place orders the queue (first
-- come, first served); it is kept while the person waits and renewed (to the end of the queue) when a
-- person who was notified, unsubscribed or let the confirmation expire subscribes again.
-- status: PENDING (public subscription, confirmation email sent), WAITING, NOTIFIED, UNSUBSCRIBED, EXPIRED.
create table restock_subscription (
    id              uuid        primary key,
    sku             text        not null,
    channel         text        not null,
    email           text        not null,
    locale          text        not null,
    source          text        not null,
    status          text        not null,
    place           bigint      not null,
    subscribed_at   timestamptz not null,
    confirmed_at    timestamptz,
    hold_for        interval,
    notified_at     timestamptz,
    notified_round  bigint,
    reservation_id  uuid,
    held_until      timestamptz,
    unsubscribed_at timestamptz,
    unique (sku, channel, email)
);

create sequence restock_place;

create index restock_subscription_queue on restock_subscription (sku, channel, place) where status = 'WAITING';
create index restock_subscription_pending on restock_subscription (subscribed_at) where status = 'PENDING';

-- One row per SKU and channel that ever had a subscriber: the lock every notifier takes before a
-- notice (so two instances never notify the same person or beyond the units), and the round.
-- covered: units on sale now that a notice without a hold was already sent for (never above what is
-- on sale: stock that leaves the channel takes the round's notices with it). round counts the runs of
-- notices since the units were last seen at zero; round_notified the notices of the current one.
create table restock_queue (
    sku             text        not null,
    channel         text        not null,
    covered         int         not null default 0,
    round           bigint      not null default 0,
    round_notified  int         not null default 0,
    round_started_at timestamptz,
    checked_at      timestamptz,
    primary key (sku, channel)
);

-- The public door's rate limits, shared by every instance: one row per client address or per
-- email (hashed) and window.
create table restock_rate (
    kind         text        not null,
    key          text        not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (kind, key)
);

-- The key that signs the confirm and unsubscribe links, sealed (platform.SecretBox).
create table restock_secret (
    name       text primary key,
    value      text        not null,
    created_at timestamptz not null
);
