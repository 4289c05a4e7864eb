-- Module access: failed console sign-ins counted per user name (kind USER, known or not) and per
-- client address (kind ADDRESS), one row each, so every instance on the database counts the same
-- ones (access.ThrottlingSignIns). failures counts within the window starting at window_start; a
-- lock lasts until locked_until. Rows whose window passed and that lock nothing are deleted.
create table access_sign_in_failure (
    kind          text        not null check (kind in ('USER', 'ADDRESS')),
    key           text        not null,
    window_start  timestamptz not null,
    failures      integer     not null,
    locked_until  timestamptz,
    primary key (kind, key)
);

create index access_sign_in_failure_window on access_sign_in_failure (window_start);

-- Module order: staff revoked an order's status links (order.OrderStatusLinks). A link carries the
-- generation it was issued in; only links of the current generation open. No row: generation 0.
create table orders_status_link_revocation (
    order_number  text        primary key,
    generation    integer     not null,
    revoked_at    timestamptz not null,
    revoked_by    text        not null
);

-- Module contact: staff revoked a case's decision links (contact.DecisionLinks); a revoked link
-- never opens again, a link issued later does.
alter table contact_link add column revoked_at timestamptz;
alter table contact_link add column revoked_by text;
