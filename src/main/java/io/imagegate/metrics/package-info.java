/**
 * The gateway's domain metrics over Micrometer, scraped at {@code /actuator/prometheus}: the one place that
 * knows meter names and tags. The domain reports through small interfaces of its own and never sees a registry.
 */
package io.imagegate.metrics;
