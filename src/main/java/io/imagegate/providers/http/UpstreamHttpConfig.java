package io.imagegate.providers.http;

import io.imagegate.tracing.Tracing;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link UpstreamClient} that every vendor's configuration hands to its adapters. */
@Configuration(proxyBeanMethods = false)
class UpstreamHttpConfig {

    /** Larger than a 4K image as base64 JSON (about 30 MB), small enough that one upstream cannot fill the heap. */
    private static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    /** One timer thread only schedules stream closes at deadlines; it never does the work itself. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService upstreamTimer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    UpstreamClient upstreamClient(ScheduledExecutorService upstreamTimer, Tracing tracing, RandomGenerator random) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        return new UpstreamClient(http, upstreamTimer, MAX_RESPONSE_BYTES, tracing, random);
    }
}
