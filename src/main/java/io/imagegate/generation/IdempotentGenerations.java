package io.imagegate.generation;

import io.imagegate.auth.Caller;
import io.imagegate.billing.Idempotency;
import io.imagegate.billing.Idempotency.Claimed;
import io.imagegate.billing.Idempotency.InFlight;
import io.imagegate.billing.Idempotency.Mismatch;
import io.imagegate.billing.Idempotency.Replay;
import io.imagegate.ratelimit.ConcurrencyLimiter.Lease;
import io.imagegate.ratelimit.RequestLimits;
import io.imagegate.refusals.IdempotencyConflict;
import io.imagegate.requestlog.RequestNotes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A generation at most once per {@code Idempotency-Key}: the first request under a key runs and is charged,
 * and what it answered is kept in its charge's own transaction, so a retry after any failure, a crash included,
 * replays that answer instead of paying twice. Without a key every request runs.
 *
 * <p>Only a generation that runs holds one of its API key's concurrency slots, so a replay, which answers at
 * once, never waits for one.
 */
public final class IdempotentGenerations {

    /** Longer than any sync deadline (the catalog's longest is 90 s), so a live request keeps its key. */
    private static final Duration LOCK = Duration.ofMinutes(10);

    private final GenerationService generations;
    private final Idempotency idempotency;
    private final RequestLimits limits;

    public IdempotentGenerations(GenerationService generations, Idempotency idempotency, RequestLimits limits) {
        this.generations = generations;
        this.idempotency = idempotency;
        this.limits = limits;
    }

    /** How the request was answered; {@code K} is what the edge kept of a response under a key. */
    public sealed interface Answer<K> {
    }

    /**
     * Generated now and charged {@code result.chargedMicros()}.
     *
     * @param kept under a key, what {@link Keeper#keep} returned for this response; empty without one
     */
    public record Generated<K>(GenerationResult result, Optional<K> kept) implements Answer<K> {
    }

    /** The key's earlier response, paid for then; this request costs nothing. */
    public record Replayed<K>(Replay replay) implements Answer<K> {
    }

    /** Writes the response a key replays, inside the charge's transaction; returns what the edge answers now. */
    @FunctionalInterface
    public interface Keeper<K> {

        K keep(String accountId, String key, GenerationResult priced);
    }

    /**
     * @param bodySha256 under a key, the hash of the request's canonical body, so a key sent again with another
     *                   body is refused instead of replaying an answer to a different question
     * @param withCharge run inside the charge's transaction of a generation that runs (the request's log record)
     * @throws IdempotencyConflict when the key's first request is still running, or had another body
     */
    public <K> Answer<K> generate(Caller caller, GenerationRequest request, Optional<String> bodySha256,
            RequestNotes notes, Consumer<GenerationResult> withCharge, Keeper<K> keeper) {
        Optional<String> key = request.idempotencyKey();
        if (key.isEmpty()) {
            return new Generated<>(run(caller, request, notes, withCharge), Optional.empty());
        }
        String accountId = caller.accountId();
        return switch (idempotency.claim(accountId, key.get(), bodySha256.orElseThrow(), LOCK)) {
            case Replay replay -> new Replayed<>(replay);
            case InFlight inFlight -> throw new IdempotencyConflict(IdempotencyConflict.Reason.IN_USE);
            case Mismatch mismatch -> throw new IdempotencyConflict(IdempotencyConflict.Reason.REUSED);
            case Claimed claimed -> {
                AtomicReference<K> kept = new AtomicReference<>();
                try {
                    GenerationResult result = run(caller, request, notes, priced -> {
                        withCharge.accept(priced);
                        kept.set(keeper.keep(accountId, key.get(), priced));
                    });
                    yield new Generated<>(result, Optional.of(kept.get()));
                } catch (RuntimeException failed) {
                    idempotency.abandon(accountId, key.get());
                    throw failed;
                }
            }
        };
    }

    private GenerationResult run(Caller caller, GenerationRequest request, RequestNotes notes,
            Consumer<GenerationResult> withCharge) {
        try (Lease slot = limits.startGeneration(caller)) {
            return generations.generate(caller, request, notes, withCharge);
        }
    }
}
