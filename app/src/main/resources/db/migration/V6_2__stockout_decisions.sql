-- What was decided for a case: one decision per case (the primary key is the last word when two
-- people decide at once), with the option exactly as it was offered.

create table stockout_decision (
    case_id         text primary key references stockout_case (id),
    choice          text not null check (choice in ('WAIT', 'SUBSTITUTE', 'DROP_SHIP', 'TRANSFER', 'PARTIAL', 'CANCEL')),
    line_no         int  not null check (line_no >= 1),   -- the order line that carries the decision
    units           int  not null check (units >= 1),
    substitute_sku  text,
    promised_date   date,
    source          text,                                  -- supplier or location for DROP_SHIP / TRANSFER
    refund_amount   bigint not null check (refund_amount >= 0),
    by_default      boolean not null,                      -- the shop's default after the customer's time ran out
    decided_by      text not null,
    note            text,
    decided_at      timestamptz not null,
    option          jsonb not null
);

-- The default-decision job looks for undecided cases by age.
create index stockout_case_undecided_idx on stockout_case (created_at) where status in ('OPEN', 'AWAITING_DECISION');

create index stockout_case_sku_idx on stockout_case (sku);
