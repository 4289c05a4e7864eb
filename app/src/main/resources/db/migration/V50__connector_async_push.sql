-- Asynchronous pushes a platform took for processing and answers later (Smaregi's bulk stock update:
-- 202 with a requestId, then a completion notice to the callback URL). One row per push, keyed by the
-- fresh nonce of the signed callback URL handed out with it. items: SKU -> the feed seq whose value
-- the push carried (to push again what was not superseded when the platform reports a failure, or
-- never answers). answered_at is set once (the notice, or the sweep that gave up waiting); outcome is
-- SUCCEEDED, FAILED or UNANSWERED. Answered rows are purged after zaiko.connector.async-keep.
create table connector_async_push (
    channel     text        not null,
    nonce       text        not null,
    request_id  text,
    items       jsonb       not null,
    pushed_at   timestamptz not null,
    answered_at timestamptz,
    outcome     text,
    primary key (channel, nonce)
);

create index connector_async_push_waiting on connector_async_push (pushed_at) where answered_at is null;
create index connector_async_push_answered on connector_async_push (answered_at) where answered_at is not null;
