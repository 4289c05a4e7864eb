package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The safety net behind the input checks: a value PostgreSQL refuses (SQL state class 22) is the
 * request's fault, 400, and the answer quotes nothing of the SQL, the table or the value.
 */
class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    private static DataIntegrityViolationException refused(String state) {
        return new DataIntegrityViolationException("insert into catalog_product (sku) values (?)",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in catalog_product", state));
    }

    @Test
    void aValueTheDatabaseRefusesIsABadRequestThatLeaksNoSql() throws Exception {
        for (String state : new String[]{"22021", "22003", "22001", "22008"}) {
            ResponseEntity<ProblemDetail> answer = advice.database(refused(state));
            assertThat(answer.getStatusCode().value()).as(state).isEqualTo(400);
            assertThat(answer.getBody().getDetail()).doesNotContain("catalog_product", "insert", "UTF8", "0x00");
        }
    }

    @Test
    void aTakenUniqueKeyIsAConflictAndAnyOtherDatabaseFailureStaysAnInternalError() throws Exception {
        assertThat(advice.database(refused("23505")).getStatusCode().value()).isEqualTo(409);
        ResponseEntity<ProblemDetail> other = advice.database(refused("42P01"));
        assertThat(other.getStatusCode().value()).isEqualTo(500);
        assertThat(other.getBody().getDetail()).doesNotContain("catalog_product");
    }

    @Test
    void anOverflowInArithmeticIsABadRequest() {
        ProblemDetail problem = advice.numberOutOfRange(new ArithmeticException("long overflow"));
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).doesNotContain("long overflow");
    }
}
