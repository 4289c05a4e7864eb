-- The manual payment route (payment.ManualGateway, the default when no provider is configured):
-- every void, refund or payout the refund module asks for becomes one task for a person, who
-- carries it out in the provider's dashboard or the shop's bank and confirms it with the
-- provider's reference. One task per idempotency key: a retried or repeated call finds it.
-- Nothing refers to another module's tables: a task knows its order only by number.

create table gateway_manual_task (
    id                 uuid primary key,
    idempotency_key    text   not null unique,
    operation          text   not null check (operation in ('VOID', 'REFUND', 'PAYOUT')),
    -- what the call named, to answer a repeated key and to tell a different request under it
    request_digest     text   not null,
    payment_reference  text,
    method             text,
    order_number       text,
    -- integer minor units of the currency (JPY has none: whole yen)
    amount             bigint not null check (amount > 0),
    currency           text   not null default 'JPY',
    -- a payout's account: masked for lists, in full for the person who makes the transfer
    payee_masked       text,
    payee_bank_code    text,
    payee_branch_code  text,
    payee_account_type text,
    payee_number       text,
    payee_holder_name  text,
    status             text   not null default 'OPEN' check (status in ('OPEN', 'CONFIRMED')),
    created_at         timestamptz not null,
    confirmed_reference text,
    confirmed_by       text,
    confirmed_at       timestamptz,
    constraint gateway_manual_task_target check (case when operation = 'PAYOUT'
        then payee_number is not null and payment_reference is null
        else payment_reference is not null and payee_number is null end),
    constraint gateway_manual_task_confirmed check ((status = 'CONFIRMED') = (confirmed_reference is not null
        and confirmed_at is not null))
);

create index gateway_manual_task_status on gateway_manual_task (status, created_at);

-- The refund module's side (refund.RefundStatus): a refund the gateway accepted as a task for a
-- person waits AWAITING_CONFIRMATION, under way and not completed, until the person confirms it.
alter table refund drop constraint refund_status_check;
alter table refund add constraint refund_status_check check (status in
    ('REQUESTED', 'AWAITING_ACCOUNT', 'PROCESSING', 'RETRYING', 'AWAITING_CONFIRMATION', 'COMPLETED', 'FAILED'));
