package io.imagegate.generation;

/**
 * What the generation service reports about each request it runs. {@code model} is always a catalog id (or
 * {@code unknown}), {@code channel} a configured channel name, so labels stay bounded; never a key, an
 * account or a prompt. Implementations run on every request and must stay cheap.
 */
public interface GenerationMetrics {

    /** For tests and tools that build a {@link GenerationService} without a meter registry. */
    GenerationMetrics NONE = new GenerationMetrics() {
        @Override
        public void started() {
        }

        @Override
        public void delivered(String model, String channel, int images, long chargedMicros) {
        }

        @Override
        public void failed(String model, GenerationOutcome outcome) {
        }

        @Override
        public void ended() {
        }
    };

    /** A generation begins; {@link #ended()} follows however it ends. */
    void started();

    /** It delivered {@code images} from {@code channel} and captured {@code chargedMicros}. */
    void delivered(String model, String channel, int images, long chargedMicros);

    /** It delivered nothing and charged nothing. */
    void failed(String model, GenerationOutcome outcome);

    void ended();
}
