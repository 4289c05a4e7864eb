-- Marketplace adapters with several instances on one database (module channel). One instance at a
-- time pushes a channel: it holds the channel's lease (held_by, until held_until) and renews it by
-- heartbeat with a conditional update; when it stops it gives the lease up, when it dies the lease
-- runs out and another instance claims it and goes on from the stored cursor. next_attempt_at: when
-- the holder tries again after a failed or throttled push (shown to operators; the holder keeps its
-- own copy, so a new holder starts at once).
alter table channel_adapter
    add column held_by         text,
    add column held_until      timestamptz,
    add column next_attempt_at timestamptz;

-- What each channel's sender learnt about a SKU's sales speed, so that the riskiest SKUs still go
-- first after a restart or a takeover. per_hour: units per hour the ATS fell over the hour before
-- observed_at; last_ats: the ATS the sender last read, so that a fall while no sender ran still
-- counts. Written by the lease holder in one batch per feed read, only for SKUs that sold.
create table channel_sales_speed (
    channel     text             not null,
    sku         text             not null,
    per_hour    double precision not null,
    last_ats    integer          not null,
    observed_at timestamptz      not null,
    primary key (channel, sku)
);
