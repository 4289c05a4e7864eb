-- The built-in payment gateway's own books, kept the way a provider keeps them: payments known by
-- their reference, and every operation on them or payout to a bank account. Nothing refers to
-- another module's tables: the gateway knows an order only by the number a checkout sent it.

create table gateway_payment (
    reference     text primary key,
    method        text   not null check (method in ('CREDIT_CARD', 'DEBIT_CARD', 'PAYPAY')),
    order_number  text,
    status        text   not null check (status in ('AUTHORIZED', 'CAPTURED')),
    authorized    bigint not null check (authorized >= 0),
    captured      bigint not null default 0 check (captured >= 0),
    voided        bigint not null default 0 check (voided >= 0),
    refunded      bigint not null default 0 check (refunded >= 0),
    opened_at     timestamptz not null,
    -- the books balance whatever the code does: nothing is voided or captured beyond the
    -- authorisation, nothing refunded beyond the capture, nothing captured before the capture
    constraint gateway_payment_books check (authorized >= voided + captured and captured >= refunded),
    constraint gateway_payment_capture check (status = 'CAPTURED' or captured = 0)
);

create table gateway_operation (
    id               bigint generated always as identity primary key,
    transaction_id   text   not null unique,
    -- money moves at most once per key: a repeated key is answered from this row
    idempotency_key  text   unique,
    operation        text   not null check (operation in ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND', 'PAYOUT')),
    reference        text   references gateway_payment (reference),
    -- a payout's account, masked (bank, branch, type, last 3 digits), and a digest of the whole
    -- account that tells a repeated key's account from another without keeping the number
    payout_to        text,
    payout_digest    text,
    amount           bigint not null check (amount >= 0),
    at               timestamptz not null,
    constraint gateway_operation_target check (case when operation = 'PAYOUT'
        then reference is null and payout_to is not null and payout_digest is not null
        else reference is not null and payout_to is null and payout_digest is null end),
    -- what a caller asks for carries a key and moves money; authorisations and captures are the checkout's
    constraint gateway_operation_keyed check (operation in ('AUTHORIZE', 'CAPTURE')
        or (idempotency_key is not null and amount > 0))
);

create index gateway_operation_reference on gateway_operation (reference, id) where reference is not null;
