package io.imagegate.providers.sandbox;

import io.imagegate.imaging.ImageWorkers;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Draws every image locally, on the image worker pool. Image {@code i} of a job uses seed {@code seed + i},
 * so the images of one request differ from each other while the whole response stays reproducible from the
 * prompt and the seed.
 */
public final class SandboxProvider implements ImageProvider {

    public static final String NAME = "sandbox";

    private final ImageWorkers workers;

    public SandboxProvider(ImageWorkers workers) {
        this.workers = workers;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        List<Callable<GeneratedImage>> paintings = IntStream.range(0, job.n())
                .<Callable<GeneratedImage>>mapToObj(i -> () -> new GeneratedImage(
                        SandboxPainter.paintPng(job.model(), job.prompt(), job.seed() + i, job.size().width(),
                                job.size().height(), job.quality().orElse(null)),
                        Optional.empty()))
                .toList();
        return workers.all(paintings);
    }
}
