-- A stock-out case can be withdrawn: closed without a decision because the channel cancelled its
-- order line (the buyer or the marketplace cancelled the order on the platform). Null for every
-- other case. See StockoutLifecycle.
alter table stockout_case
    add column withdrawn_at     timestamptz,
    add column withdrawn_reason text check (withdrawn_reason in ('CANCELLED_ON_CHANNEL')),
    add column withdrawn_by     text;
