package io.imagegate.web;

import java.util.Optional;

/** The admin console's sign-in form; {@code error} after a wrong token. */
public record AdminSignInPage(Frame frame, Optional<String> error) {

    static AdminSignInPage of(Optional<String> error) {
        return new AdminSignInPage(Frame.of("Sign in to the admin console", Section.ADMIN), error);
    }
}
