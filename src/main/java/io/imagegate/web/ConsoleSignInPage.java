package io.imagegate.web;

import java.util.Optional;

/**
 * {@code /console} for a browser that is not signed in: the API-key form.
 *
 * @param error  why the last sign-in was refused (shown as an error summary and beside the field)
 * @param notice why a session ended that the person did not end themselves (a revoked key)
 */
public record ConsoleSignInPage(Frame frame, Optional<String> error, Optional<String> notice) {

    static final String FIELD = "api_key";

    static ConsoleSignInPage blank() {
        return new ConsoleSignInPage(signInFrame(), Optional.empty(), Optional.empty());
    }

    static ConsoleSignInPage refused(String error) {
        return new ConsoleSignInPage(signInFrame(), Optional.of(error), Optional.empty());
    }

    static ConsoleSignInPage ended(String notice) {
        return new ConsoleSignInPage(signInFrame(), Optional.empty(), Optional.of(notice));
    }

    static Frame signInFrame() {
        return Frame.of("Sign in to your console", Section.CONSOLE);
    }
}
