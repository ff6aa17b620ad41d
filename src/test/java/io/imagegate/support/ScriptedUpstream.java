package io.imagegate.support;

import io.imagegate.imaging.ImageBytes;
import io.imagegate.imaging.Quality;
import io.imagegate.providers.GeneratedImage;
import io.imagegate.providers.ImageJob;
import io.imagegate.providers.ImageProvider;
import io.imagegate.providers.sandbox.SandboxPainter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in upstream whose next answer a test chooses: deliver fewer images than asked, fail, or hold the
 * request open until the test lets it go. Its images are real PNGs of the requested size.
 */
public final class ScriptedUpstream implements ImageProvider {

    private volatile int deliverAtMost = Integer.MAX_VALUE;
    private volatile RuntimeException failure;
    private volatile CountDownLatch entered = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    public String name() {
        return "scripted";
    }

    /** Like an OpenAI-style upstream that returns n images from one call, so "1 of 2" is one short answer. */
    @Override
    public int maxImagesPerCall() {
        return 4;
    }

    /** Back to delivering every image at once. */
    public void reset() {
        deliverAtMost = Integer.MAX_VALUE;
        failure = null;
        entered = new CountDownLatch(0);
        release = new CountDownLatch(0);
    }

    public void deliverAtMost(int images) {
        deliverAtMost = images;
    }

    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** The next requests wait inside the upstream until {@link #letGo()}; returns a latch counting arrivals. */
    public CountDownLatch holdOpen(int requests) {
        entered = new CountDownLatch(requests);
        release = new CountDownLatch(1);
        return entered;
    }

    public void letGo() {
        release.countDown();
    }

    @Override
    public List<GeneratedImage> generate(ImageJob job) {
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the scripted upstream was never let go");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure != null) {
            throw failure;
        }
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < Math.min(job.n(), deliverAtMost); i++) {
            images.add(new GeneratedImage(ImageBytes.of(SandboxPainter.paintPng(job.model(), job.prompt(), job.seed() + i,
                    job.size().width(), job.size().height(), job.quality().map(Quality::wire).orElse(null))),
                    Optional.of("scripted")));
        }
        return images;
    }
}
