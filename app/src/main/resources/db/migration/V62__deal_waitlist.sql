-- Deal waitlists (キャンセル待ち): customers who queue for a sold-out deal, and the offers of units that
-- came back to the deal. See docs/deals.md, "Waitlist".

-- One row per deal that has a waitlist: what an offer run locks (select ... for update), so that two runs
-- (two instances, the refill listener and the catch-up job) never offer at once for one deal.
create table deal_waitlist (
    deal        text primary key,
    created_at  timestamptz not null
);

create sequence deal_waitlist_entry_seq;

-- A customer's place in a deal's waitlist; one per deal and email address (compared case-insensitively).
create table deal_waitlist_entry (
    id                uuid primary key,
    deal              text not null references deal_waitlist (deal),
    seq               bigint not null default nextval('deal_waitlist_entry_seq'),
    email             text not null,
    email_key         text not null,
    locale            text not null check (locale in ('ja', 'en')),
    channel           text not null,
    segment           text,
    status            text not null check (status in ('WAITING', 'OFFERED', 'TOOK', 'PASSED', 'LEFT', 'CLOSED')),
    reservation_id    uuid,
    offered_until     timestamptz,
    joined_at         timestamptz not null,
    changed_at        timestamptz not null,
    unique (deal, email_key)
);
create index deal_waitlist_entry_line on deal_waitlist_entry (deal, status, seq);

-- Every offer made: the held reservation, until when, what became of it, and the shop's webhook event.
create table deal_waitlist_offer (
    reservation_id    uuid primary key,
    entry_id          uuid not null references deal_waitlist_entry (id),
    deal              text not null,
    channel           text not null,
    offered_at        timestamptz not null,
    offered_until     timestamptz not null,
    outcome           text not null check (outcome in ('LIVE', 'TOOK', 'PASSED')),
    closed_at         timestamptz,
    webhook_due_at    timestamptz,
    webhook_attempts  int not null default 0,
    webhook_sent_at   timestamptz
);
create index deal_waitlist_offer_live on deal_waitlist_offer (outcome) where outcome = 'LIVE';
create index deal_waitlist_offer_webhook on deal_waitlist_offer (webhook_due_at) where webhook_due_at is not null;

-- The key that signs waitlist links (offer page, leave link), sealed at rest like orders_secret.
create table deal_waitlist_secret (
    name        text primary key,
    value       text not null,
    created_at  timestamptz not null
);
