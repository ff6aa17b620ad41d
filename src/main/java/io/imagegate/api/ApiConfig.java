package io.imagegate.api;

import io.imagegate.auth.ApiKeys;
import io.imagegate.config.ImagegateProperties;
import io.imagegate.ids.IdGenerator;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP edge: filters, the error body, the route list of a 404. Only in a web application: the route list is
 * read from Spring MVC's handler mappings, which a context without a server (the money bench's) does not have.
 */
@ConditionalOnWebApplication
@Configuration(proxyBeanMethods = false)
class ApiConfig implements WebMvcConfigurer {

    private final ApiKeys keys;

    ApiConfig(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver(keys));
    }

    /**
     * Generations run as async requests ({@link GenerationController}), each on a virtual thread of its own:
     * Spring MVC's default would start a platform thread per request, and thousands are held at once. The
     * decorator carries the request's observation, and with it its trace, onto that thread: without it the
     * generation's spans would start traces of their own.
     */
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer async) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("generation-");
        executor.setVirtualThreads(true);
        executor.setTaskDecorator(new ContextPropagatingTaskDecorator());
        async.setTaskExecutor(executor);
    }

    /** The mappings arrive initialised, with every route registered, so reading them once here sees them all. */
    @Bean
    PublicRoutes publicRoutes(List<RequestMappingInfoHandlerMapping> mappings) {
        return PublicRoutes.from(mappings);
    }

    @Bean
    SpringStatus springStatus(PublicRoutes routes) {
        return new SpringStatus(routes);
    }

    @Bean
    ErrorWriter errorWriter(JsonMapper json) {
        return new ErrorWriter(json);
    }

    /** First of all filters, so even a request refused by a later filter carries its id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(IdGenerator ids) {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter(ids));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ImagegateProperties properties,
            ErrorWriter errors) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxRequestSize().toBytes(),
                        Map.of(GenerationController.EDITS, properties.maxEditRequestSize().toBytes()), errors));
        // After ClientBoundsFilter (EdgeConfig), so its deadline also bounds the body this one swallows, and after
        // EarlyRefusalFilter (ErrorAnswersConfig), whose refusals read no body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
