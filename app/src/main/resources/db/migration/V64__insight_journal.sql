-- Insight's journal: every fact the insight module was told, once per kind and key, with when it
-- happened. The read tables (insight_*) are folded from it and can be rebuilt from it. See docs/insight.md.
create table insight_event (
    id           bigserial primary key,
    type         text not null,
    event_key    text not null,
    occurred_at  timestamptz not null,
    payload      jsonb not null,
    recorded_at  timestamptz not null,
    unique (type, event_key)
);

create index insight_event_replay on insight_event (occurred_at, id);
