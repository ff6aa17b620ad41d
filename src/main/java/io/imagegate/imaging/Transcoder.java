package io.imagegate.imaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an upstream's image into what the caller was promised ({@link ImageTarget}): its exact size and the
 * asked format. A change of size, of format, or both is one decode, one {@link Resampler#cover} and one encode;
 * an image that already is the target is handed back as it came, without being decoded at all.
 *
 * <p>Decoding uses the JDK's ImageIO, which reads PNG, JPEG and GIF (its first frame) but not WebP, so a WebP
 * image can be delivered only when it already is the target.
 */
public final class Transcoder {

    private Transcoder() {
    }

    /**
     * The image as {@code target} says. Empty when it has to be decoded and the JDK cannot decode it.
     *
     * @param format the image's format, sniffed from its bytes ({@link ImageFormat#sniff(ImageBytes)})
     * @param size   its size, read from its header ({@link ImageDimensions#read(ImageBytes)}): the caller has
     *               read both already to check the upstream's answer, so they are not read again here
     * @throws IllegalArgumentException when {@code target}'s format is one this gateway does not encode
     *     ({@link ImageEncoder#encodes}); that is for the request's validation to refuse
     */
    public static Optional<ImageBytes> toTarget(ImageBytes image, ImageFormat format, ImageDimensions size,
            ImageTarget target) {
        if (!ImageEncoder.encodes(target.format())) {
            throw new IllegalArgumentException("this gateway does not encode " + target.format().wireName());
        }
        if (alreadyIs(format, size, target)) {
            return Optional.of(image);
        }
        return decode(image).map(source -> ImageEncoder.encode(
                Resampler.cover(source, target.size().width(), target.size().height()),
                target.format(), target.compression()));
    }

    /**
     * Whether the bytes can go out untouched. Of the right format and size, a PNG always can: it is lossless.
     * A JPEG can at compression 100 too, since encoding it again could only add loss and bytes; at a lower
     * compression it is encoded again, so that the file is as small as the caller asked.
     */
    private static boolean alreadyIs(ImageFormat format, ImageDimensions size, ImageTarget target) {
        if (format != target.format().imageFormat() || !size.equals(target.size())) {
            return false;
        }
        return switch (target.format()) {
            case PNG -> true;
            case JPEG -> target.compression() == ImageTarget.DEFAULT_COMPRESSION;
            case WEBP -> false; // not encodable, refused above
        };
    }

    /**
     * Read through a memory cache: {@code ImageIO.read(InputStream)} buffers the stream in a temporary file by
     * default, which would put every resampled image on disk once more.
     */
    private static Optional<BufferedImage> decode(ImageBytes image) {
        try {
            return Optional.ofNullable(ImageIO.read(new MemoryCacheImageInputStream(image.newInputStream())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
