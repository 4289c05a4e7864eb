-- Express orders carry the delivery date the shop promised (optional for marketplace feeds
-- that send only the flag). A date without express would promise nothing the shop offered.

alter table orders_order add column promised_date date;
alter table orders_order add constraint orders_order_promised_date_express_check
    check (promised_date is null or express);
