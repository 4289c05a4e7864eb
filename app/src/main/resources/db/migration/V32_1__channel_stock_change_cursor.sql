-- How far channel sync has read the inventory's stock change journal (module channel): one row.
-- position is the journal position (a transaction id horizon, see V32) up to which every change
-- has been turned into a channel_dirty mark; it moves in the same transaction as those marks.
create table channel_stock_change_cursor (
    id         smallint primary key check (id = 1),
    position   bigint      not null,
    updated_at timestamptz not null
);
insert into channel_stock_change_cursor (id, position, updated_at) values (1, 0, now());
