package io.imagegate.requestlog;

/**
 * One attempt of a request on one channel.
 *
 * @param number  the attempt's number on its channel, from 1
 * @param outcome how the call ended ({@link io.imagegate.routing.AttemptOutcome#label()}), or why no call was
 *                made ({@link io.imagegate.routing.AttemptLog.Skip#label()})
 */
public record LoggedAttempt(String channel, int number, String outcome, long latencyMillis) {
}
