-- Deals (time sales): module deal (docs/deals.md). No foreign keys to other modules' tables.
CREATE TABLE deal_deal (
    code               TEXT PRIMARY KEY,
    sku                TEXT        NOT NULL,
    channels           TEXT[]      NOT NULL,
    price              BIGINT      NOT NULL CHECK (price >= 0),
    quantity           INT         NOT NULL CHECK (quantity > 0),
    starts_at          TIMESTAMPTZ NOT NULL,
    ends_at            TIMESTAMPTZ NOT NULL,
    member_segment     TEXT,
    per_customer_limit INT CHECK (per_customer_limit > 0),
    status             TEXT        NOT NULL,
    -- the inventory set-aside holding the deal's units once it started, and how many it took
    set_aside          UUID UNIQUE,
    set_aside_units    INT,
    created_at         TIMESTAMPTZ NOT NULL,
    started_at         TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    ended_early        BOOLEAN     NOT NULL DEFAULT FALSE,
    CHECK (ends_at > starts_at)
);
CREATE INDEX deal_deal_sku ON deal_deal (sku, status);
CREATE INDEX deal_deal_status ON deal_deal (status, starts_at);

-- One row per (deal, customer) that ever bought: locked to decide the per-customer limit.
CREATE TABLE deal_customer (
    deal_code TEXT NOT NULL REFERENCES deal_deal (code),
    customer  TEXT NOT NULL,
    PRIMARY KEY (deal_code, customer)
);

-- Every take of deal units. PENDING: decided under the customer's lock, the reservation is being
-- made (counts until pending_until); LIVE: the reservation exists; BACK: it was released or its
-- hold ran out, the units are back in the deal and no longer count.
CREATE TABLE deal_take (
    id             UUID PRIMARY KEY,
    deal_code      TEXT        NOT NULL REFERENCES deal_deal (code),
    customer       TEXT,
    quantity       INT         NOT NULL CHECK (quantity > 0),
    holder         TEXT,
    reservation_id UUID UNIQUE,
    state          TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    pending_until  TIMESTAMPTZ
);
CREATE INDEX deal_take_customer ON deal_take (deal_code, customer) WHERE state <> 'BACK';
CREATE INDEX deal_take_live ON deal_take (deal_code) WHERE state = 'LIVE';
