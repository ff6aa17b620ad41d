package io.imagegate.admin;

import io.imagegate.support.FakeUpstream;
import io.imagegate.support.OnPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ChannelTestContract} on PostgreSQL, in a schema of its own. */
@OnPostgres
class ChannelTestApiOnPostgresTest extends ChannelTestContract {

    private static final FakeUpstream GEMINI = new FakeUpstream(request -> geminiImage(64, 64));

    @DynamicPropertySource
    static void channelsAndNode(DynamicPropertyRegistry registry) {
        channels(registry, GEMINI);
        registry.add("imagegate.node-id", () -> "channeltest-pg-node");
    }

    @AfterAll
    static void stop() {
        GEMINI.close();
    }

    @Override
    FakeUpstream gemini() {
        return GEMINI;
    }
}
