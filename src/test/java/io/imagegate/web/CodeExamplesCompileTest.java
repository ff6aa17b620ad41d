package io.imagegate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagegate.catalog.Catalog;
import io.imagegate.catalog.CatalogLoader;
import io.imagegate.catalog.ModelSpec;
import io.imagegate.support.Http;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every model page's code examples are code their language accepts: the Java one compiles against the OpenAI
 * Java SDK the tests use, the Python one parses, the Node one passes {@code node --check}, and each curl command
 * hands curl the JSON body it shows. Run, they are the OpenAI SDK calls {@code OpenAiSdkTest} and {@code ClientsIT} make.
 */
class CodeExamplesCompileTest {

    private static final Catalog CATALOG = new CatalogLoader().load(Optional.empty());
    private static final String BASE = "http://localhost:8080";

    @TempDir
    Path dir;

    @Test
    void theJavaExamplesCompileAgainstTheOpenAiJavaSdk() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("tests run on a JDK").isNotNull();
        for (ModelSpec model : CATALOG.all()) {
            String code = example(model, "java");
            int body = code.indexOf("\n\n");
            Path source = dir.resolve("Example.java");
            Files.writeString(source, code.substring(0, body) + "\n\npublic class Example {\n"
                    + "    public static void main(String[] args) {\n" + code.substring(body + 2) + "\n    }\n}\n");
            StringWriter errors = new StringWriter();

            boolean compiled = javac.getTask(errors, null, null,
                    List.of("-d", dir.toString(), "-classpath", System.getProperty("java.class.path")), null,
                    javac.getStandardFileManager(null, null, null).getJavaFileObjects(source)).call();

            assertThat(compiled).as(model.id() + ":\n" + code + "\n" + errors).isTrue();
        }
    }

    @Test
    void thePythonExamplesParse() throws Exception {
        for (ModelSpec model : CATALOG.all()) {
            Path file = dir.resolve(model.id().replace('.', '_') + ".py");
            Files.writeString(file, example(model, "python"));

            assertThat(run("python3", "-m", "py_compile", file.toString())).as(model.id()).isEqualTo(0);
        }
    }

    @Test
    void theNodeExamplesPassNodesCheck() throws Exception {
        for (ModelSpec model : CATALOG.all()) {
            Path file = dir.resolve(model.id() + ".mjs");
            Files.writeString(file, example(model, "node"));

            assertThat(run("node", "--check", file.toString())).as(model.id()).isEqualTo(0);
        }
    }

    @Test
    void theCurlCommandsHandTheBodyToCurlAsOneArgumentThatIsTheJsonShown() throws Exception {
        for (ModelSpec model : CATALOG.all()) {
            for (String curl : List.of(page(model).request(), example(model, "curl"))) {
                // A shell function stands in for curl and prints the argument after -d, as bash parsed it.
                Path file = dir.resolve(model.id() + ".sh");
                Files.writeString(file, "curl() { printf '%s' \"$7\"; }\n" + curl + "\n");

                Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
                String body = new String(bash.getInputStream().readAllBytes());

                assertThat(bash.waitFor()).isEqualTo(0);
                JsonNode json = Http.JSON.readTree(body);
                assertThat(json.get("model").asString()).as(curl).isEqualTo(model.id());
                assertThat(json.get("prompt").asString()).as(curl).isNotBlank();
            }
        }
    }

    private static ModelPage page(ModelSpec model) {
        return ModelPage.of(model, CATALOG.all(), Facts.of(model, model.prices(), Facts.sandbox(model),
                Optional.empty()), BASE, Duration.ofHours(24));
    }

    private static String example(ModelSpec model, String id) {
        return page(model).examples().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow().code();
    }

    private static int run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            if (process.exitValue() != 0) {
                System.out.println(String.join(" ", command) + ":\n" + output);
            }
            return process.exitValue();
        } catch (IOException notInstalled) {
            Assumptions.abort(command[0] + " is not installed: " + notInstalled.getMessage());
            return -1;
        }
    }
}
