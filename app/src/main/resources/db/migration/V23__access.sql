-- Access (module access): the console's users, the API's tokens and the audit trail of who did what.

-- A console user signs in with a form. password_hash is a DelegatingPasswordEncoder value
-- ({bcrypt}...), never the password. username is kept lower-case so "Sato" and "sato" are one user.
create table access_user (
    id                  uuid primary key,
    username            text        not null unique check (username = lower(username)),
    display_name        text        not null,
    password_hash       text        not null,
    role                text        not null check (role in ('OPERATOR', 'SUPERVISOR', 'ADMIN')),
    locale              text        not null default 'ja',
    enabled             boolean     not null default true,
    created_by          text        not null,
    created_at          timestamptz not null,
    password_changed_at timestamptz not null
);

-- An API token for an integration. Only the SHA-256 of the token is kept (tokens are 256 random
-- bits, so a slow hash adds nothing and would cost every API call); prefix is what people see to
-- tell tokens apart.
create table access_token (
    id           uuid primary key,
    name         text        not null,
    prefix       text        not null,
    token_hash   text        not null unique,
    scope        text        not null check (scope in ('READ', 'WRITE', 'ADMIN')),
    created_by   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz
);

-- Who did what: every change made through the API, the console or a customer's link, and every
-- sign-in. target names what was changed (path variables), never a person's email or phone.
create table access_audit (
    id         bigserial primary key,
    at         timestamptz not null,
    actor_kind text        not null check (actor_kind in ('USER', 'TOKEN', 'CUSTOMER', 'ANONYMOUS')),
    actor      text        not null,
    action     text        not null,
    route      text        not null,
    target     text        not null default '',
    status     integer     not null
);
create index access_audit_by_at on access_audit (at desc);
create index access_audit_by_actor on access_audit (actor, at desc);
