-- Insight's reorder suggestions, precomputed (docs/insight-reorder.md#freshness): one row per listed SKU
-- with the numbers the list shows and the parameters of its reason (put into words when read, in the
-- reader's language), recomputed all at once by the insight-reorder-refresh job, a settings change or a
-- supervisor's "refresh now". insight_reorder_refresh says when (and for which day) they were computed.
-- Neither is a projection of the journal: a rebuild leaves them alone (the next refresh reads the
-- rebuilt tables).
create table insight_reorder_suggestion (
    sku                    text primary key,
    name_ja                text,
    name_en                text,
    quantity               bigint not null,
    order_by               date,
    arrives_by             date,
    late                   boolean not null,
    method                 text not null,
    rate                   double precision not null,
    sigma                  double precision not null,
    history_days           integer not null,
    demand_days            integer not null,
    capped_days            integer not null,
    cap                    double precision not null,
    lead_time_days         integer not null,
    default_lead_time      boolean not null,
    review_period_days     integer not null,
    service_level_percent  numeric(4, 1) not null,
    safety_stock           bigint not null,
    on_hand                integer not null,
    inbound                integer not null,
    waiting                integer not null,
    stockout_cases         integer not null,
    count_differences      integer not null,
    flags                  text[] not null,
    demanded               boolean not null,
    computed_at            timestamptz not null
);

create index insight_reorder_suggestion_order on insight_reorder_suggestion (order_by, sku collate "C");

create table insight_reorder_refresh (
    id           boolean primary key default true check (id),
    computed_at  timestamptz not null,
    today        date not null,
    skus         integer not null,
    took_ms      bigint not null
);
