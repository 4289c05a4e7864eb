-- The mail module's durable outbox: one row per logical email, recorded in the transaction of
-- the change it reports, delivered by the db-scheduler task 'mail-delivery' (instance id = id).
create table mail_outbox (
    id               uuid        primary key,
    -- generated once when recorded (RFC 5322 msg-id with its angle brackets); every attempt sends it
    message_id       text        not null unique,
    idempotency_key  text        not null unique,
    recipient        text        not null,
    recipient_name   text,
    subject          text        not null,
    body_text        text        not null,
    body_html        text,
    reference        text,
    order_number     text,
    kind             text        not null,
    urgent           boolean     not null default false,
    locale           text        not null check (locale in ('ja', 'en')),
    status           text        not null check (status in ('PENDING', 'SENT', 'RETRYING', 'FAILED', 'BOUNCED')),
    attempts         integer     not null default 0,
    -- attempts made before a person's retry: the attempt limit counts from here
    retry_base       integer     not null default 0,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz,
    -- an attempt under way holds the email until then: no second instance sends it meanwhile
    sending_until    timestamptz,
    sent_at          timestamptz,
    transport        text        check (transport in ('SMTP', 'FILE')),
    last_error       text,
    bounce_reason    text,
    bounced_at       timestamptz
);

create index mail_outbox_newest on mail_outbox (created_at desc, id desc);
create index mail_outbox_status on mail_outbox (status, created_at desc);
create index mail_outbox_reference on mail_outbox (reference);
create index mail_outbox_order on mail_outbox (order_number);
create index mail_outbox_recipient on mail_outbox (lower(recipient));

-- What happened at each attempt, for the person who asks why an email did not arrive.
create table mail_attempt (
    email_id    uuid        not null references mail_outbox (id),
    attempt_no  integer     not null,
    at          timestamptz not null,
    outcome     text        not null check (outcome in ('SENT', 'TRANSIENT', 'REJECTED')),
    transport   text        check (transport in ('SMTP', 'FILE')),
    error       text,
    primary key (email_id, attempt_no)
);
