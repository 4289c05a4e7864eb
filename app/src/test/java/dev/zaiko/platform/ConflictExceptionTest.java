package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConflictExceptionTest {

    @Test
    void aPropertyMayNotOverwriteTheProblemsOwnMembers() {
        for (String reserved : new String[] {"type", "title", "status", "detail", "instance"}) {
            assertThatThrownBy(() -> new ConflictException("x", "y", Map.of(reserved, "z")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
        }
        assertThat(new ConflictException("x", "y", Map.of("lineStatus", "SHIPPED")).properties())
                .containsEntry("lineStatus", "SHIPPED");
    }
}
