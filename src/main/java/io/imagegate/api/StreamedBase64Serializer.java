package io.imagegate.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an image's bytes as a base64 string with the JDK's vectorised encoder, several times faster than
 * Jackson's own, and still without building the text: the encoder streams into the generator's output. The
 * bytes are the ones Jackson writes (standard alphabet, padded, no line breaks). When the generator writes to
 * characters rather than bytes (a response rendered to a string), Jackson encodes as before.
 */
public final class StreamedBase64Serializer extends ValueSerializer<byte[]> {

    @Override
    public void serialize(byte[] bytes, JsonGenerator generator, SerializationContext context) {
        if (!(generator.streamWriteOutputTarget() instanceof OutputStream target)) {
            generator.writeBinary(bytes);
            return;
        }
        // A raw value, so that the generator writes the separator before it and counts it as the field's value.
        generator.writeRawValue("\"");
        // What the generator has buffered must reach the target before the encoder writes past it.
        generator.flush();
        try (OutputStream base64 = Base64.getEncoder().wrap(new KeptOpen(target))) {
            base64.write(bytes);
        } catch (IOException e) {
            throw JacksonIOException.construct(e, generator);
        }
        generator.writeRaw('"');
    }

    /** Closing the encoder writes its padding and closes what it wraps: the response must stay open. */
    private static final class KeptOpen extends OutputStream {

        private final OutputStream target;

        KeptOpen(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void close() {
        }
    }
}
