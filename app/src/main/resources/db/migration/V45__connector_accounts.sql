-- Channel connectors (module connector): how a channel talks to its platform's real API.
-- credentials: one sealed value (platform.SecretBox, AES-256-GCM, associated data
-- connector_account.credentials) holding the JSON object of secret values by name; credential_names
-- lists which names are set, so that answers and pages can say so without opening the secrets.
-- Health: the last call that worked and the last that did not (its message never holds a credential).
create table connector_account (
    channel            text        primary key,
    platform           text        not null,
    sandbox            boolean     not null,
    base_url           text,
    settings           jsonb       not null default '{}'::jsonb,
    credentials        text,
    credential_names   text[]      not null default '{}',
    last_success_at    timestamptz,
    last_error         text,
    last_error_at      timestamptz,
    last_drift_check_at timestamptz,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);

-- What a platform handed out and a client must keep across restarts (a rotated refresh token, an
-- access token and its expiry), one sealed value per name (associated data connector_token.value).
create table connector_token (
    channel    text        not null,
    name       text        not null,
    value      text        not null,
    updated_at timestamptz not null,
    primary key (channel, name)
);

-- The SKU mapping: Zaiko's SKU -> the platform's identifiers for it on this channel
-- (sellerSku; manageNumber + variantId; itemCode; inventoryItemId; productId).
create table connector_item (
    channel     text        not null,
    sku         text        not null,
    identifiers jsonb       not null,
    updated_at  timestamptz not null,
    primary key (channel, sku)
);

-- Drift found by reading back what a platform shows: shown (what the platform showed), true_value
-- (what Zaiko pushes for the SKU on the channel), truth_since (when Zaiko's value last changed: the
-- drift is at least found_at - truth_since old), last_pushed_at (the channel's last push before it
-- was found). The correction goes through the channel's sender (the feed entry gets a new seq,
-- push_seq); corrected_at is set when the platform took that push.
create table connector_drift (
    id             bigserial   primary key,
    channel        text        not null,
    sku            text        not null,
    shown          integer     not null,
    true_value     integer     not null,
    truth_since    timestamptz,
    last_pushed_at timestamptz,
    found_at       timestamptz not null,
    push_seq       bigint,
    corrected_at   timestamptz
);
create index connector_drift_channel_found on connector_drift (channel, found_at desc);
create index connector_drift_open on connector_drift (channel, sku) where corrected_at is null;
