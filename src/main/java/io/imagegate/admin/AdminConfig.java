package io.imagegate.admin;

import io.imagegate.auth.AdminToken;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AdminConfig implements WebMvcConfigurer {

    private final AdminToken token;

    AdminConfig(AdminToken token) {
        this.token = token;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The API only: /admin itself is the admin console's page, which signs in its own way.
        registry.addInterceptor(new AdminAuthInterceptor(token)).addPathPatterns("/admin/v1/**");
    }
}
