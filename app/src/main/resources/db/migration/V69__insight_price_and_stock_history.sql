-- Insight's price and stock history and display feedback (issue 20). See docs/insight.md.

-- Every price a product had, from the catalog's PriceChanged facts (folded from the journal).
create table insight_price (
    sku    text not null,
    at     timestamptz not null,
    price  bigint not null,
    primary key (sku, at)
);

-- What each channel could sell of a SKU, per day (the shop's time zone). Observations that insight
-- records itself as stock changes and once a day (not folded from the journal: a rebuild keeps them).
create table insight_stock_day (
    sku        text not null,
    channel    text not null,
    day        date not null,
    min_ats    integer not null,
    close_ats  integer not null,
    out        boolean not null,   -- ATS was 0 at some point that day
    sellouts   integer not null,   -- times ATS fell from above 0 to 0 that day
    low        boolean not null,   -- the channel showed LOW at some point that day
    looked_at  timestamptz not null,
    primary key (sku, channel, day)
);

-- the list of SKUs that sell out most often reads a period of every SKU: index-only, when vacuumed
create index insight_stock_day_by_day on insight_stock_day (day, sku) include (channel, out, sellouts);

-- What a supervisor did with a display suggestion: it is not made again for the same SKU and kind
-- until a failure newer than decided_through comes.
create table insight_display_decision (
    id               bigserial primary key,
    sku              text not null,
    kind             text not null,   -- RAISE_LOW_THRESHOLD, SHARED_STOCK_NOTE, PROTECT_FOR_STORE
    action           text not null,   -- APPLIED, DISMISSED
    decided_through  timestamptz not null,  -- the newest failure the suggestion was made of
    detail           text,
    decided_by       text not null,
    decided_at       timestamptz not null,
    unique (sku, kind, decided_through)
);

-- Inventory: a SKU whose channels show the shared-stock note wherever their pool is shared with
-- another channel (the display feedback switch; off by default: the displays stay as they were).
alter table inventory_item add column shared_stock_note boolean not null default false;
