-- A monthly roll-up of insight_stock_day (issue 20: the list of SKUs that sell out most often reads
-- whole months here and masks the days of the partial months at the period's edges). See docs/insight.md.
--
-- Bit d-1 of a mask stands for day d of the month (day 31 = bit 30, so an int is enough).
create table insight_stock_month (
    sku           text not null,
    channel       text not null,
    month         date not null,     -- the first day of the month (the shop's time zone, as the day rows)
    seen          integer not null,  -- days with a row
    outs          integer not null,  -- days out (ATS 0 at some point)
    sellout_days  integer not null,  -- days with at least one sell-out
    sellouts      integer not null,  -- sell-outs of the month (sum of the day rows)
    primary key (sku, channel, month)
);

-- the list reads a period of every SKU's months: index-only, when vacuumed
create index insight_stock_month_by_month on insight_stock_month (month, sku)
    include (channel, seen, outs, sellout_days, sellouts);

-- Kept by the database with every write of a day row: the same statement, so the same transaction
-- and (for insight/StockDays) the same per-SKU advisory lock. Exact for any writer of day rows.
-- Changes are applied as differences of the old and the new row, so concurrent writers of one
-- month's different days never lose an update (the upsert locks the month row).
create function insight_stock_month_follow() returns trigger language plpgsql as $$
declare
    b integer;
begin
    if tg_op = 'UPDATE' and (old.sku, old.channel, old.day, old.out, old.sellouts)
                        is not distinct from (new.sku, new.channel, new.day, new.out, new.sellouts) then
        return new;  -- a look that changed only the levels
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        b := 1 << (extract(day from old.day)::integer - 1);
        update insight_stock_month m set
            seen = m.seen & ~b,
            outs = m.outs & ~b,
            sellout_days = m.sellout_days & ~b,
            sellouts = m.sellouts - old.sellouts
        where m.sku = old.sku and m.channel = old.channel and m.month = date_trunc('month', old.day)::date;
        if tg_op = 'DELETE' then
            delete from insight_stock_month m
            where m.sku = old.sku and m.channel = old.channel and m.month = date_trunc('month', old.day)::date
              and m.seen = 0;
            return old;
        end if;
    end if;
    b := 1 << (extract(day from new.day)::integer - 1);
    insert into insight_stock_month as m (sku, channel, month, seen, outs, sellout_days, sellouts)
    values (new.sku, new.channel, date_trunc('month', new.day)::date, b,
            case when new.out then b else 0 end,
            case when new.sellouts > 0 then b else 0 end,
            new.sellouts)
    on conflict (sku, channel, month) do update set
        seen = m.seen | excluded.seen,
        outs = m.outs | excluded.outs,
        sellout_days = m.sellout_days | excluded.sellout_days,
        sellouts = m.sellouts + excluded.sellouts;
    if tg_op = 'UPDATE' and (old.sku, old.channel, date_trunc('month', old.day)) is distinct from
                            (new.sku, new.channel, date_trunc('month', new.day)) then
        delete from insight_stock_month m
        where m.sku = old.sku and m.channel = old.channel and m.month = date_trunc('month', old.day)::date
          and m.seen = 0;
    end if;
    return new;
end $$;

create trigger insight_stock_day_rolls_up_by_month
    after insert or update or delete on insight_stock_day
    for each row execute function insight_stock_month_follow();

-- a truncate of the day rows (a test's clean slate) empties the roll-up too
create function insight_stock_month_truncate() returns trigger language plpgsql as $$
begin
    truncate insight_stock_month;
    return null;
end $$;

create trigger insight_stock_day_truncate_rolls_up
    after truncate on insight_stock_day
    for each statement execute function insight_stock_month_truncate();

-- the days recorded so far
insert into insight_stock_month (sku, channel, month, seen, outs, sellout_days, sellouts)
select sku, channel, date_trunc('month', day)::date,
       bit_or(1 << (extract(day from day)::integer - 1)),
       bit_or(case when out then 1 << (extract(day from day)::integer - 1) else 0 end),
       bit_or(case when sellouts > 0 then 1 << (extract(day from day)::integer - 1) else 0 end),
       sum(sellouts)
from insight_stock_day
group by sku, channel, date_trunc('month', day);
