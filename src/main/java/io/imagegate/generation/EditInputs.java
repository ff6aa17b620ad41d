package io.imagegate.generation;

import io.imagegate.catalog.ModelSpec;
import io.imagegate.imaging.ImageBytes;
import io.imagegate.inputs.CheckedImage;
import io.imagegate.inputs.InputImageCheck;
import io.imagegate.inputs.RemoteImages;
import io.imagegate.providers.InputImage;
import java.util.List;
import java.util.Optional;

/**
 * An edit's images, from how they arrived to what a provider takes: a link fetched (only where an admin allowed
 * remote URLs, and only from public addresses), every image checked against the model before any money is held
 * or any upstream called — its count, bytes, format and pixels read from its header, never decoded here.
 */
final class EditInputs {

    /** What a provider is given: the images in the caller's order, and the mask. */
    record Resolved(List<InputImage> images, Optional<InputImage> mask) {

        static final Resolved NONE = new Resolved(List.of(), Optional.empty());
    }

    private final RemoteImages remote;

    EditInputs(RemoteImages remote) {
        this.remote = remote;
    }

    /** @param n the images asked for, which some models count together with the inputs */
    Resolved resolve(ModelSpec model, int n, List<InputSource> images, Optional<InputSource> mask) {
        if (images.isEmpty()) {
            // A generation; an edit's mask comes only with its images (ImageRequests refuses one without).
            return Resolved.NONE;
        }
        InputImageCheck check = new InputImageCheck(model);
        check.checkCount(images.size(), n);
        List<CheckedImage> checked = images.stream().map(source -> checked(check, source)).toList();
        Optional<CheckedImage> checkedMask = mask.map(source -> check.checkMask(bytes(check, source),
                checked.getFirst()));
        return new Resolved(checked.stream().map(EditInputs::input).toList(), checkedMask.map(EditInputs::input));
    }

    private CheckedImage checked(InputImageCheck check, InputSource source) {
        return check.check(bytes(check, source), source.param());
    }

    /** The bytes as sent: a form part's, a data URL's (decoded), or a link's (fetched). */
    private ImageBytes bytes(InputImageCheck check, InputSource source) {
        return switch (source) {
            case InputSource.Uploaded uploaded -> uploaded.bytes();
            case InputSource.Linked linked when linked.url().startsWith("data:") ->
                    check.dataUrlBytes(linked.url(), linked.param());
            case InputSource.Linked linked -> fetched(check, linked);
        };
    }

    /** Read no further than the model takes: a larger image would be refused anyway. */
    private ImageBytes fetched(InputImageCheck check, InputSource.Linked linked) {
        return remote.fetch(linked.url(), linked.param(), check.maxBytes());
    }

    private static InputImage input(CheckedImage image) {
        return new InputImage(image.bytes(), image.format(), image.width(), image.height());
    }
}
