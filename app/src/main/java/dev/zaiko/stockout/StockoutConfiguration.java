package dev.zaiko.stockout;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StockoutConfiguration {

    /** Monday to Friday until a module with holidays and calling hours provides its own calendar. */
    @Bean
    @ConditionalOnMissingBean(BusinessCalendar.class)
    BusinessCalendar weekdayCalendar() {
        return new WeekdayCalendar();
    }
}
