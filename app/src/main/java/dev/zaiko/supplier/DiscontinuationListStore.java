package dev.zaiko.supplier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The only code that knows the {@code supplier_discontinuation_*} tables. */
@Repository
class DiscontinuationListStore {

    private final JdbcClient jdbc;

    DiscontinuationListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an applied list with its rows (an erroneous row is never recorded: such a list is not applied). */
    long record(DiscontinuationReport report, String appliedBy, Instant at) {
        DiscontinuationReport.Totals t = report.totals();
        long id = jdbc.sql("""
                        insert into supplier_discontinuation_list
                            (file_name, applied_by, applied_at, row_count, product_count, newly_discontinued, cases_opened)
                        values (:fileName, :by, :at, :rows, :products, :newly, :cases)
                        returning id""")
                .param("fileName", report.fileName(), java.sql.Types.VARCHAR)
                .param("by", appliedBy)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("rows", t.rows())
                .param("products", t.products())
                .param("newly", t.newlyDiscontinued())
                .param("cases", t.casesToOpen())
                .query(Long.class).single();
        for (DiscontinuationReport.Row r : report.rows()) {
            jdbc.sql("""
                            insert into supplier_discontinuation_row (list_id, row_no, sku, jan, note, product, warning)
                            values (:id, :row, :sku, :jan, :note, :product, :warning)""")
                    .param("id", id)
                    .param("row", r.row())
                    .param("sku", r.sku(), java.sql.Types.VARCHAR)
                    .param("jan", r.jan(), java.sql.Types.VARCHAR)
                    .param("note", r.note(), java.sql.Types.VARCHAR)
                    .param("product", r.product())
                    .param("warning", r.problems().isEmpty() ? null : r.problems().get(0).code(), java.sql.Types.VARCHAR)
                    .update();
        }
        return id;
    }

    /** The newest first, at most {@code limit}. */
    List<DiscontinuationList> latest(int limit) {
        return jdbc.sql("select * from supplier_discontinuation_list order by applied_at desc, id desc limit :limit")
                .param("limit", limit)
                .query((rs, i) -> list(rs, List.of()))
                .list();
    }

    Optional<DiscontinuationList> find(long id) {
        List<DiscontinuationList.Item> items = jdbc.sql("""
                        select row_no, sku, jan, note, product, warning from supplier_discontinuation_row
                        where list_id = :id order by row_no""")
                .param("id", id)
                .query((rs, i) -> new DiscontinuationList.Item(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
        return jdbc.sql("select * from supplier_discontinuation_list where id = :id")
                .param("id", id)
                .query((rs, i) -> list(rs, items))
                .optional();
    }

    private static DiscontinuationList list(ResultSet rs, List<DiscontinuationList.Item> items) throws SQLException {
        return new DiscontinuationList(rs.getLong("id"), rs.getString("file_name"), rs.getString("applied_by"),
                rs.getObject("applied_at", OffsetDateTime.class).toInstant(), rs.getInt("row_count"),
                rs.getInt("product_count"), rs.getInt("newly_discontinued"), rs.getInt("cases_opened"), items);
    }
}
