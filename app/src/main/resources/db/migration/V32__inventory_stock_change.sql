-- The stock change journal (module inventory): one row per reservation engine batch that changed a
-- SKU's stock, written in the batch's own transaction, so that the change and the fact that it
-- happened commit together. The engine also announces the change in memory after its commit (the
-- fast path); a crash between the commit and that announcement loses only the announcement, and
-- readers (channel sync) find the change here.
--
-- tx is the writing transaction's id. Rows are read after a position: every row whose tx lies below
-- the oldest transaction still running (pg_snapshot_xmin) is final, so a reader that advances to
-- that horizon never skips a row that commits later (a sequence alone would: numbers are taken in
-- one order and committed in another). Rows older than zaiko.inventory.stock-changes.keep are
-- deleted by the job inventory-stock-changes-cleanup.
create table inventory_stock_change (
    seq           bigint generated always as identity primary key,
    sku           text        not null,
    changed_at    timestamptz not null,
    sellable_rose boolean     not null,
    tx            xid8        not null default pg_current_xact_id()
);
create index inventory_stock_change_by_tx on inventory_stock_change (tx);
create index inventory_stock_change_by_time on inventory_stock_change (changed_at);
