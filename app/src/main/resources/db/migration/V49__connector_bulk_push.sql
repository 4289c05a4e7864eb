-- Bulk pushes (module connector): many SKUs sent to a platform in one submission (Amazon's
-- JSON_LISTINGS_FEED) instead of one request each, for the drift repair and the full push.
-- items: [{"sku", "quantity", "seq"}], seq being the channel feed's seq of the SKU's value when it
-- was submitted (a SKU whose seq moved past it meanwhile is pushed again when the bulk is done).
-- status: SUBMITTED (the platform has it, the job follows it), DONE (the platform's answer was
-- read: rejected and outdated SKUs went back to the channel's sender), FAILED (the platform gave
-- up on it, or no answer came in time: every SKU went back to the sender). message: the
-- platform's words (rejections, failure).
create table connector_bulk_push (
    id              bigserial   primary key,
    channel         text        not null,
    platform        text        not null,
    purpose         text        not null,
    reference       text        not null,
    status          text        not null,
    items           jsonb       not null,
    item_count      integer     not null,
    rejected_count  integer,
    again_count     integer,
    attempts        integer     not null default 0,
    submitted_at    timestamptz not null,
    next_attempt_at timestamptz,
    finished_at     timestamptz,
    message         text
);

create index connector_bulk_push_channel on connector_bulk_push (channel, submitted_at desc);

-- A drift corrected by a bulk push (instead of a push_seq through the channel's sender): marked
-- corrected when the bulk push's answer confirms the SKU.
alter table connector_drift add column bulk_push_id bigint;
create index connector_drift_bulk on connector_drift (bulk_push_id) where bulk_push_id is not null and corrected_at is null;
