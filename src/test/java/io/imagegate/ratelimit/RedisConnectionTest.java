package io.imagegate.ratelimit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start-up with a Redis that cannot work fails naming the setting and the fix. */
class RedisConnectionTest {

    @Test
    void anUnreachableRedisFailsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> RedisConnection.open("redis://:secret@127.0.0.1:1/0", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.redis-url: cannot connect to redis://127.0.0.1:1/0")
                .hasMessageContaining("unset it to keep limits in this node's memory")
                .message().doesNotContain("secret");
    }

    @Test
    void aUrlThatIsNotRedisFailsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> RedisConnection.open("http://127.0.0.1:6379", Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("imagegate.redis-url is not a Redis URL");
    }
}
