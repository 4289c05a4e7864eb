-- Webhooks (module channel): dead endpoints are disabled, secrets rotate with an overlap, and a
-- claim names its instance so that only the holder renews or releases it (heartbeat leases).
alter table channel_webhook
    add column status                 text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
    add column failing_since          timestamptz,   -- the first failure after the last success
    add column disabled_at            timestamptz,
    add column disabled_reason        text,
    add column previous_secret        text,          -- still signs deliveries until previous_secret_until
    add column previous_secret_until  timestamptz,
    add column claimed_by             uuid;

-- Endpoints that failed before this migration have failed since at least their last attempt's
-- wait began; counting from now is the conservative choice (never disables earlier than due).
update channel_webhook set failing_since = now() where failures > 0;

-- Inventory ledger (module inventory): a movement says when it happened (occurred_at, e.g. a till
-- sale imported the next morning is dated at the counter) and, separately, when it was written.
-- Until now both were the same instant, so existing rows get recorded_at = occurred_at; the default
-- keeps writers that name only occurred_at (the benchmarks' fixtures) right.
alter table inventory_movement add column recorded_at timestamptz;
update inventory_movement set recorded_at = occurred_at;
alter table inventory_movement alter column recorded_at set default now(),
                               alter column recorded_at set not null;
