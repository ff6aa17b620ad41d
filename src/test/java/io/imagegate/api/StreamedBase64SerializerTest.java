package io.imagegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.api.ImagesResponse.ImageData;
import io.imagegate.imaging.ImageBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StreamedBase64SerializerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theStreamedBytesAreTheOnesJacksonWrites() {
        for (int size : new int[] {0, 1, 2, 3, 57, 8191, 100_001}) {
            byte[] first = image(size);
            byte[] second = image(size + 7);
            ImagesResponse response = new ImagesResponse(1_713_833_628, List.of(
                    new ImageData(null, ImageBytes.of(first), "A fox"),
                    new ImageData(null, ImageBytes.of(second), null)));
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();

            JSON.writeValue(streamed, response);

            String expected = "{\"created\":1713833628,\"data\":[{\"url\":null,\"b64Json\":\""
                    + Base64.getEncoder().encodeToString(first) + "\",\"revisedPrompt\":\"A fox\"},{\"url\":null,"
                    + "\"b64Json\":\"" + Base64.getEncoder().encodeToString(second) + "\",\"revisedPrompt\":null}]}";
            assertThat(streamed.toString(StandardCharsets.US_ASCII)).as("size %d", size).isEqualTo(expected);
            assertThat(JSON.writeValueAsString(response)).as("size %d, rendered to a string", size)
                    .isEqualTo(expected);
        }
    }

    @Test
    void eachImageGoesAroundTheGeneratorsBuffer() {
        int[] flushes = {0};
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };

        JSON.writeValue(target, new ImagesResponse(1, List.of(new ImageData(null, ImageBytes.of(image(10)), null),
                new ImageData(null, ImageBytes.of(image(20)), null))));

        // Once before each image; Jackson's own encoder writes through its buffer and never flushes mid-value.
        assertThat(flushes[0]).isGreaterThanOrEqualTo(2);
    }

    private static byte[] image(int size) {
        byte[] image = new byte[size];
        new Random(size).nextBytes(image);
        return image;
    }
}
