package dev.zaiko.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zaiko.support.ShopApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * A page's links are written as they are, without a static-resource lookup per link (what made long
 * console pages slow), and the static resources the pages name are still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PageLinksTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void noFilterLooksUpEveryLinkOfAPageAsAStaticResource() {
        assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .filteredOn(r -> r.getFilter() instanceof ResourceUrlEncodingFilter)
                .allSatisfy(r -> assertThat(r.isEnabled()).isFalse());
    }

    @Test
    void theConsoleStillLinksItsStylesScriptsAndWebJarsAndTheyAreServed() {
        ShopApi browser = new ShopApi(port) {
        };
        browser.signIn("admin", "test-admin-password");
        String page = browser.page("/insight").body();
        assertThat(page).contains("href=\"/css/console.css\"", "src=\"/js/console.js\"",
                "src=\"/webjars/htmx.org/2.0.10/dist/htmx.min.js\"", "src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\"",
                "action=\"/insight\"");
        for (String resource : new String[] {"/css/console.css", "/js/console.js", "/js/insight-charts.js",
                "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/webjars/echarts/5.3.1/dist/echarts.min.js"}) {
            ShopApi.Response r = browser.page(resource);
            assertThat(r.status()).as(resource).isEqualTo(200);
            assertThat(r.body()).as(resource).isNotEmpty();
        }
    }
}
