package io.imagegate.web;

import com.github.benmanes.caffeine.cache.Ticker;
import gg.jte.TemplateEngine;
import io.imagegate.billing.PriceBook;
import io.imagegate.config.InvalidConfiguration;
import io.imagegate.config.PublicBaseUrl;
import io.imagegate.ids.IdGenerator;
import io.imagegate.requestlog.RequestLog;
import io.imagegate.routing.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages' frame: the renderer, the site's own assets under {@code /assets/}, the security headers and the
 * HTML 404. The chart library is served from its webjar by Spring Boot's {@code /webjars/**} mapping, at its
 * versioned path ({@link Assets}).
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final Pages pages;

    WebConfig(TemplateEngine templates) {
        this.pages = new Pages(templates);
    }

    @Bean
    Pages pages() {
        return pages;
    }

    @Bean
    MeasuredLatency measuredLatency(RequestLog requestLog, Clock clock) {
        return new RequestLogLatency(requestLog, clock, Ticker.systemTicker());
    }

    @Bean
    LiveFacts liveFacts(PriceBook prices, Router router, MeasuredLatency latency) {
        return new LiveFacts(prices, router, latency);
    }

    /**
     * The consoles' sessions. {@code imagegate.web.session-lifetime} (default 8 h) is how long a sign-in lasts;
     * a session is not renewed by use, so a stolen cookie is worth no longer than that.
     */
    @Bean
    WebSessions webSessions(JdbcClient jdbc, IdGenerator ids, Clock clock,
            @Value("${imagegate.web.session-lifetime:8h}") Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new InvalidConfiguration("imagegate.web.session-lifetime must be positive, e.g. 8h; it is "
                    + lifetime);
        }
        return new WebSessions(jdbc, ids, clock, lifetime);
    }

    @Bean
    ConsoleSessions consoleSessions(WebSessions sessions, PublicBaseUrl publicBaseUrl) {
        return new ConsoleSessions(sessions, publicBaseUrl);
    }

    /**
     * After the edge filters of {@code api} (request id, client bounds, early refusals, body limit), whose
     * refusals are the API's JSON; everything Spring MVC answers, pages and assets included, carries the headers.
     */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    /**
     * Revalidated on every use (an ETag-less 304 by modification time): a page must never run an old script
     * against a new page after an upgrade, and the files are small.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/web/assets/")
                .setCacheControl(CacheControl.noCache());
        registry.addResourceHandler("/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
    }

    @Override
    public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
        resolvers.addFirst(new PageNotFoundResolver(pages));
    }
}
