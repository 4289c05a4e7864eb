-- Display feedback's suggestions, stored (docs/insight-history.md#display-feedback): one row per SKU and
-- kind with what the list shows and the parameters of its reason (put into words when read, in the
-- reader's language): the number of cases and the newest few case ids, not all of them. Recomputed all
-- at once by the insight-display-refresh job (and at start when stale), and for one SKU when a case on
-- it is folded live or a supervisor applies or dismisses one of its suggestions.
-- Not a projection of the journal: a rebuild recomputes it after folding.
create table insight_display_suggestion (
    id               text primary key,
    sku              text not null,
    kind             text not null,
    channels         text[] not null,
    failures         integer not null,
    last_failure_at  timestamptz not null,
    case_count       integer not null,
    cases            text[] not null,
    current_value    integer,
    suggested_value  integer,
    location         text,
    computed_at      timestamptz not null
);

create index insight_display_suggestion_sku on insight_display_suggestion (sku);
create index insight_display_suggestion_order on insight_display_suggestion (failures desc, last_failure_at desc, id collate "C");

create table insight_display_refresh (
    id           boolean primary key default true check (id),
    computed_at  timestamptz not null,
    suggestions  integer not null,
    took_ms      bigint not null
);
