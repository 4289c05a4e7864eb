-- What the retention figures (KeepingCustomers, docs/insight.md) read per stockout case, folded ahead
-- (a projection of the journal, emptied and refolded by a rebuild): the case's customer (from its
-- order), when it was detected and its contact deadline, the first contact at or after detection, the
-- latest decision's choice and whether the channel withdrew it. The same facts in any order give the
-- same row: each fact fills its own columns, and a case folded after its contacts or decisions reads
-- them from insight_contact and insight_decision.
create table insight_retention_case (
    case_id               text primary key,
    order_number          text not null,
    customer_key          text,
    detected_at           timestamptz not null,
    contact_deadline      timestamptz,
    first_contact_at      timestamptz,
    choice                text,
    choice_decided_at     timestamptz,
    choice_decided_line   integer,
    withdrawn             boolean not null
);

create index insight_retention_case_order on insight_retention_case (order_number);
create index insight_retention_case_customer on insight_retention_case (customer_key, detected_at, case_id)
    where customer_key is not null;
create index insight_retention_case_detected on insight_retention_case (detected_at)
    where customer_key is not null;
