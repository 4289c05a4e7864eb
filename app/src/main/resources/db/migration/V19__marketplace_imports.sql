-- Rows of CSV imports that are done (docs/marketplace-files.md): a re-import skips them and
-- reports them as duplicates. One row per (kind, the file's own id): TILL_SALE by sale_id.
-- Marketplace orders need no row here: the order module is idempotent on (channel, externalRef).
-- SKU and location codes are the catalog's and inventory's values; no foreign keys across modules.

create table marketplace_import_row (
    kind         text not null check (kind in ('TILL_SALE')),
    external_id  text not null,
    sku          text not null,
    location     text not null,
    quantity     int not null,
    occurred_at  timestamptz not null,     -- when the till says it sold
    imported_at  timestamptz not null,
    primary key (kind, external_id)
);
