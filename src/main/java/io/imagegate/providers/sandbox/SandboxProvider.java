package io.imagegate.providers.sandbox;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.ImageWorkers;
import io.imagegate.imaging.Quality;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Draws every image locally, on the image worker pool. Image {@code i} of a job uses seed {@code seed + i},
 * so the images of one request differ from each other while the whole response stays reproducible from the
 * prompt and the seed. A job with input images is drawn as an edit of them, reproducible from the inputs too.
 * An optional latency makes it answer as slowly as a real upstream.
 */
public final class SandboxProvider implements ImageProvider {

    public static final String NAME = "sandbox";

    private final ImageWorkers workers;
    private final Duration latency;

    public SandboxProvider(ImageWorkers workers, Duration latency) {
        this.workers = workers;
        this.latency = latency;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        if (!latency.isZero()) {
            try {
                // Sleeping parks only this virtual thread, as waiting on a real upstream would.
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while simulating upstream latency", e);
            }
        }
        if (job.hasInputs()) {
            return edit(job);
        }
        List<Callable<GeneratedImage>> paintings = IntStream.range(0, job.n())
                .<Callable<GeneratedImage>>mapToObj(i -> () -> new GeneratedImage(ImageBytes.of(
                        SandboxPainter.paintPng(job.model(), job.prompt(), job.seed() + i, job.size().width(),
                                job.size().height(), job.quality().map(Quality::wire).orElse(null))),
                        Optional.empty()))
                .toList();
        return workers.all(paintings);
    }

    /** The inputs are decoded once, on the worker pool, and every image of the job draws from them. */
    private List<GeneratedImage> edit(ImageJob job) {
        List<Callable<InputPicture>> decodings = job.images().stream()
                .<Callable<InputPicture>>map(image -> () -> InputPicture.of(image)).toList();
        List<InputPicture> inputs = workers.all(decodings);
        InputPicture mask = job.mask().map(image -> workers.all(List.<Callable<InputPicture>>of(
                () -> InputPicture.of(image))).getFirst()).orElse(null);
        List<Callable<GeneratedImage>> paintings = IntStream.range(0, job.n())
                .<Callable<GeneratedImage>>mapToObj(i -> () -> new GeneratedImage(ImageBytes.of(
                        SandboxPainter.paintEditPng(job.model(), job.prompt(), job.seed() + i, job.size().width(),
                                job.size().height(), job.quality().map(Quality::wire).orElse(null), inputs, mask)),
                        Optional.empty()))
                .toList();
        return workers.all(paintings);
    }
}
