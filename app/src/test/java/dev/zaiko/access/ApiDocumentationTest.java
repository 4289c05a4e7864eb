package dev.zaiko.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.zaiko.support.ShopApi;
import dev.zaiko.support.ShopApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocumentationTest {

    @LocalServerPort
    int port;

    @Test
    void dump() throws Exception {
        Response doc = new AccessApi(port).get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        Files.writeString(Path.of("target/openapi.json"), doc.body());
    }
}
