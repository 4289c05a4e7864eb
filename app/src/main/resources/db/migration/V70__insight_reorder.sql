-- Insight's reorder suggestions (docs/insight-reorder.md): demand per SKU and day folded from orders
-- and till sales, counts (stocktakes) folded from inventory's StockCounted, and the shop's setting for
-- the service level and the review period. The first two are projections of insight_event (emptied
-- and refolded by a rebuild); the setting is the shop's own and is never rebuilt.
create table insight_sku_demand (
    sku            text not null,
    day            date not null,
    ordered_units  integer not null default 0,
    till_units     integer not null default 0,
    primary key (sku, day)
);

create table insight_count (
    sku       text not null,
    location  text not null,
    at        timestamptz not null,
    expected  integer not null,
    counted   integer not null,
    primary key (sku, location, at)
);

create index insight_count_sku_at on insight_count (sku, at);

create table insight_reorder_setting (
    id                     boolean primary key default true check (id),
    service_level_percent  numeric(4, 1) not null,
    review_period_days     integer not null,
    updated_at             timestamptz not null
);
