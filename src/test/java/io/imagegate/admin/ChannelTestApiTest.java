package io.imagegate.admin;

import io.imagegate.support.FakeUpstream;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ChannelTestContract} on SQLite. */
class ChannelTestApiTest extends ChannelTestContract {

    private static final FakeUpstream GEMINI = new FakeUpstream(request -> geminiImage(64, 64));

    /** A database of its own: this gateway, with its channels, runs beside the other test classes' one. */
    @DynamicPropertySource
    static void ownDatabaseAndChannels(DynamicPropertyRegistry registry) {
        ownDatabase(registry, "channeltest");
        channels(registry, GEMINI);
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
