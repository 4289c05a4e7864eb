-- Marketplace adapters (module channel): per channel, the marketplace whose API its feed is pushed
-- to, where, and that marketplace's limits. cursor: every feed entry up to it was pushed (the
-- sender keeps what it read after it in memory, ordered by oversell risk; after a restart it reads
-- again from here, so nothing is lost, at worst pushed twice).
create table channel_adapter (
    channel          text primary key,
    marketplace      text             not null,
    url              text             not null,
    rate             double precision not null,
    batch            integer          not null,
    safety_floor     integer          not null,
    cursor           bigint           not null default 0,
    failures         integer          not null default 0,
    last_error       text,
    last_pushed_at   timestamptz,
    created_at       timestamptz      not null
);
