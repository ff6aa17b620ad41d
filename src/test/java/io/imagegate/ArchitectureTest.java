package io.imagegate;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of STYLE.md ("Dependencies point inward") and docs/architecture.md, as rules: a new arrow
 * against it fails here with the offending class and the class it uses, instead of surfacing in a review.
 */
class ArchitectureTest {

    private static final String ROOT = "io.imagegate";
    private static final List<String> VENDORS = List.of("gemini", "seedream", "openai", "sdwebui", "sandbox");
    private static final String[] VENDOR_PACKAGES = VENDORS.stream()
            .map(v -> ROOT + ".providers." + v + "..").toArray(String[]::new);

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // Only src/main: tests may reach across packages to build what they check.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        // Each package is its own slice, sub-packages included: providers.http and the vendors are layers
        // under the SPI, not parts of it, so providers <-> providers.http is a cycle like any other.
        slices().matching(ROOT + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .because("a cycle makes two packages one that cannot be read, tested or changed apart")
                .check(classes);
    }

    @Test
    void vendorsDependOnlyOnTheSpiTheirHttpAndImaging() {
        for (String vendor : VENDORS) {
            String own = ROOT + ".providers." + vendor + "..";
            classes().that().resideInAPackage(own)
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                            .or(resideInAnyPackage(own, ROOT + ".providers", ROOT + ".providers.http..",
                                    ROOT + ".imaging..")))
                    .because("a vendor adapter is a plug-in of the SPI: it must build and be tested without the"
                            + " gateway around it, and without any other vendor")
                    .check(classes);
        }
    }

    @Test
    void theSpiDependsOnlyOnImaging() {
        // Sizes and tiers live in imaging, not catalog, so a provider never sees how the gateway prices.
        classes().that().resideInAPackage(ROOT + ".providers")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(ROOT + ".providers", ROOT + ".imaging..")))
                .because("the SPI is what a vendor builds against; anything it names from the gateway becomes"
                        + " part of every vendor")
                .check(classes);
        classes().that().resideInAPackage(ROOT + ".providers.http..")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(ROOT + ".providers", ROOT + ".providers.http..",
                                ROOT + ".imaging..", ROOT + ".tracing..")))
                .because("the vendors' HTTP client sits on the SPI and knows nothing of the gateway but its"
                        + " spans")
                .check(classes);
    }

    @Test
    void nothingDependsOnTheEdges() {
        for (String edge : List.of("api", "admin", "web")) {
            String inside = ROOT + "." + edge + "..";
            noClasses().that().resideOutsideOfPackages(inside).and().doNotHaveFullyQualifiedName(
                            ROOT + ".ImagegateApplication")
                    .should().dependOnClassesThat().resideInAPackage(inside)
                    .because(edge + " is an edge (HTTP, pages): the domain answers it, never calls it, so an edge"
                            + " can change or go without touching the core")
                    .check(classes);
        }
    }

    @Test
    void onlyTheEdgesSpeakHttp() {
        // http holds what api and admin share (error codes and body, strict JSON, report bodies): part of the
        // edge, so its imports of billing or requestlog point inward like the controllers' own.
        noClasses().that().resideOutsideOfPackages(ROOT + ".http..", ROOT + ".api..", ROOT + ".admin..",
                        ROOT + ".web..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".http..")
                .because("status codes and error bodies are decided at the edge; the domain says what went"
                        + " wrong in its own words")
                .check(classes);
    }

    @Test
    void refusalsAreALeaf() {
        classes().that().resideInAPackage(ROOT + ".refusals")
                .should().onlyDependOnClassesThat(resideOutsideOfPackage(ROOT + "..")
                        .or(resideInAnyPackage(ROOT + ".refusals")))
                .because("every package throws refusals, so anything they named would be a cycle waiting to happen")
                .check(classes);
    }

    @Test
    void routingNamesNoVendor() {
        noClasses().that().resideInAPackage(ROOT + ".routing..")
                .should().dependOnClassesThat().resideInAnyPackage(VENDOR_PACKAGES)
                .because("routing chooses among channels through the SPI; a vendor is added by its own package"
                        + " and configuration, never by an edit to routing")
                .check(classes);
    }
}
