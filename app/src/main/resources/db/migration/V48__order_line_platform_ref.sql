-- Orders keep the marketplace's own id of each line (Amazon OrderItemId / AmazonOrderItemCode,
-- Rakuten itemDetailId, Yahoo! LineId, Shopify LineItem id), as the order was placed with it:
-- a stock-out cancellation names the line by it. Null for lines placed without one (and for every
-- line recorded before this migration). A line split for its missing units keeps it on both parts.
alter table orders_line add column external_line_ref text
    check (external_line_ref is null or char_length(external_line_ref) between 1 and 100);

-- Stock-out cancellations (module connector): how many units of the same platform line the order
-- still keeps (other parts of a split line). A platform that cancels whole lines must not be told
-- when some units of the line still ship; one that can lower a line's quantity lowers it to this.
alter table connector_cancellation add column units_kept integer not null default 0 check (units_kept >= 0);
