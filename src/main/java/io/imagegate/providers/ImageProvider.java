package io.imagegate.providers;

import java.util.List;

/** Generates images for a job. Implementations are called from virtual threads and may block. */
public interface ImageProvider {

    /** The provider's configuration name, e.g. {@code sandbox} or {@code gemini}. */
    String name();

    /**
     * Returns up to {@code job.n()} images; fewer means the upstream delivered fewer. Every failure is an
     * {@link UpstreamException} carrying its classification.
     */
    List<GeneratedImage> generate(ImageJob job);

    /** How many images one upstream call can return; the gateway fans a larger {@code n} out in parallel. */
    default int maxImagesPerCall() {
        return 1;
    }
}
