package io.imagegate.api;

import io.imagegate.imaging.ImageBytes;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an image's bytes as a base64 string with the JDK's vectorised encoder, several times faster than
 * Jackson's own, and without building the text: the image is encoded block by block straight into the
 * generator's output ({@link ImageBytes#writeBase64To}). The bytes are the ones Jackson writes (standard
 * alphabet, padded, no line breaks). When the generator writes to characters rather than bytes (a response
 * rendered to a string, kept for an Idempotency-Key's replay), the text is built and written as a string.
 */
public final class StreamedBase64Serializer extends ValueSerializer<ImageBytes> {

    @Override
    public void serialize(ImageBytes bytes, JsonGenerator generator, SerializationContext context) {
        if (!(generator.streamWriteOutputTarget() instanceof OutputStream target)) {
            generator.writeString(bytes.base64());
            return;
        }
        // A raw value, so that the generator writes the separator before it and counts it as the field's value.
        generator.writeRawValue("\"");
        // What the generator has buffered must reach the target before the encoder writes past it.
        generator.flush();
        try {
            bytes.writeBase64To(target);
        } catch (IOException e) {
            throw JacksonIOException.construct(e, generator);
        }
        generator.writeRaw('"');
    }
}
