package io.imagegate.web;

import io.imagegate.auth.AdminToken;
import io.imagegate.refusals.AuthenticationFailed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * {@code /admin}: the sign-in form (or, signed in, on to the accounts), signing in with the admin token and
 * signing out. The token is checked as the admin API checks it and is kept nowhere: the session stands for it.
 */
@ConditionalOnWebApplication
@Controller
class AdminConsoleSignInController {

    private final AdminConsole console;
    private final AdminToken token;
    private final WebSessions webSessions;
    private final Pages pages;

    AdminConsoleSignInController(AdminConsole console, AdminToken token, WebSessions webSessions, Pages pages) {
        this.console = console;
        this.token = token;
        this.webSessions = webSessions;
        this.pages = pages;
    }

    @GetMapping("/admin")
    ResponseEntity<String> home(HttpServletRequest request) {
        if (console.session(request).isPresent()) {
            return AdminConsole.seeOther("/admin/accounts");
        }
        return pages.ok("admin/sign-in.jte", AdminSignInPage.of(Optional.empty()));
    }

    /**
     * No CSRF token yet (there is no session), so the {@code Origin} check and the cookie's SameSite=Strict are
     * what keep another site from signing a browser in.
     */
    @PostMapping("/admin/sign-in")
    ResponseEntity<String> signIn(HttpServletRequest request, HttpServletResponse response) {
        Frame frame = AdminSignInPage.of(Optional.empty()).frame();
        console.checkOrigin(request, frame);
        FormBody form = FormBody.read(request, frame);
        try {
            token.check("Bearer " + form.text("token").orElse(""));
        } catch (AuthenticationFailed wrong) {
            return pages.render(HttpStatus.UNAUTHORIZED, "admin/sign-in.jte", AdminSignInPage.of(Optional.of(
                    "That is not this gateway's admin token. It is imagegate.admin-token, or the token the"
                            + " gateway wrote to its data directory at first start.")));
        }
        console.sessions().signedIn(response, webSessions.startAdmin());
        return AdminConsole.seeOther("/admin/accounts");
    }

    @PostMapping("/admin/sign-out")
    ResponseEntity<String> signOut(HttpServletRequest request, HttpServletResponse response) {
        console.post(request, Frame.of("Sign out", Section.ADMIN));
        console.sessions().signOut(request, response, WebSession.Kind.ADMIN);
        return AdminConsole.seeOther("/admin");
    }
}
