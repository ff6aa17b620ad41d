package io.imagegate.providers;

import java.util.List;

/** Generates images for a job. Implementations are called from virtual threads and may block. */
public interface ImageProvider {

    /** The provider's configuration name, e.g. {@code sandbox} or {@code gemini}. */
    String name();

    /** Returns up to {@code job.n()} images; fewer means the upstream delivered fewer. */
    List<GeneratedImage> generate(ImageJob job);
}
