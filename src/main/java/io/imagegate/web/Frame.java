package io.imagegate.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the layout needs from a page: its title, the section it belongs to (marked in the header's navigation),
 * and the ES modules it loads. Pages pass their own data to their template; every template passes its frame to
 * the layout.
 *
 * @param section empty for pages outside the navigation, such as a 404
 * @param scripts paths of ES modules under {@code /assets/js/}; loaded with {@code type="module"}, so they run
 *                after the document is parsed and never block it
 */
public record Frame(String title, Optional<Section> section, List<String> scripts) {

    public record NavLink(String label, String href, boolean current) {
    }

    public Frame {
        scripts = List.copyOf(scripts);
    }

    public static Frame of(String title, Section section, String... scripts) {
        return new Frame(title, Optional.of(section), List.of(scripts));
    }

    public static Frame outside(String title) {
        return new Frame(title, Optional.empty(), List.of());
    }

    public List<NavLink> nav() {
        return Arrays.stream(Section.values())
                .map(s -> new NavLink(s.label(), s.href(), section.filter(s::equals).isPresent()))
                .toList();
    }
}
