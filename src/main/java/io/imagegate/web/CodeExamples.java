package io.imagegate.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model page's examples, written for this gateway's public base URL: the request in curl, and the same call in
 * curl, the OpenAI SDKs for Python and Node, and the OpenAI Java SDK. Fields an SDK has no parameter for go
 * where that SDK takes extra body fields ({@code extra_body}, {@code putAdditionalBodyProperty}), so every
 * example sends exactly the body the curl one does.
 */
final class CodeExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PYTHON_PARAMETERS = Set.of("prompt", "n", "size", "quality", "response_format",
            "user", "output_format", "output_compression");
    private static final String KEY_ENV = "IMAGEGATE_API_KEY";

    private CodeExamples() {
    }

    /** The "Request" section: the body over several lines, as a reader would write it out. */
    static String request(String baseUrl, String model, Map<String, Object> fields) {
        List<String> members = members(model, fields).entrySet().stream()
                .map(e -> "    " + quote(e.getKey()) + ": " + json(e.getValue()))
                .toList();
        return curlHead(baseUrl) + "  -d '" + shell("{\n" + String.join(",\n", members) + "\n  }") + "'";
    }

    static List<CodeExample> of(String baseUrl, String model, Map<String, Object> fields) {
        return List.of(
                new CodeExample("curl", "curl", "shell", curl(baseUrl, model, fields)),
                new CodeExample("python", "Python", "python", python(baseUrl, model, fields)),
                new CodeExample("node", "Node.js", "javascript", node(baseUrl, model, fields)),
                new CodeExample("java", "Java", "java", java(baseUrl, model, fields)));
    }

    static String curl(String baseUrl, String model, Map<String, Object> fields) {
        String body = members(model, fields).entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + json(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        return curlHead(baseUrl) + "  -d '" + shell(body) + "'";
    }

    static String python(String baseUrl, String model, Map<String, Object> fields) {
        StringBuilder code = new StringBuilder("""
                import os
                from openai import OpenAI

                client = OpenAI(base_url=%s, api_key=os.environ["%s"])
                result = client.images.generate(
                    model=%s,
                """.formatted(quote(baseUrl + "/v1"), KEY_ENV, quote(model)));
        Map<String, Object> extra = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (PYTHON_PARAMETERS.contains(name)) {
                code.append("    ").append(name).append('=').append(pythonValue(value)).append(",\n");
            } else {
                extra.put(name, value);
            }
        });
        if (!extra.isEmpty()) {
            code.append("    extra_body={").append(extra.entrySet().stream()
                    .map(e -> quote(e.getKey()) + ": " + pythonValue(e.getValue()))
                    .collect(Collectors.joining(", "))).append("},\n");
        }
        return code.append(")\nprint(result.data[0].url)").toString();
    }

    static String node(String baseUrl, String model, Map<String, Object> fields) {
        StringBuilder code = new StringBuilder("""
                import OpenAI from "openai";

                const client = new OpenAI({ baseURL: %s, apiKey: process.env.%s });
                const result = await client.images.generate({
                """.formatted(quote(baseUrl + "/v1"), KEY_ENV));
        members(model, fields).forEach((name, value) -> code.append("  ")
                .append(name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? name : quote(name))
                .append(": ").append(json(value)).append(",\n"));
        return code.append("});\nconsole.log(result.data[0].url);").toString();
    }

    static String java(String baseUrl, String model, Map<String, Object> fields) {
        List<String> imports = new ArrayList<>(List.of("com.openai.client.OpenAIClient",
                "com.openai.client.okhttp.OpenAIOkHttpClient", "com.openai.models.images.ImageGenerateParams",
                "com.openai.models.images.ImagesResponse"));
        StringBuilder calls = new StringBuilder("        .model(" + quote(model) + ")\n");
        fields.forEach((name, value) -> {
            String call = switch (name) {
                case "prompt", "user" -> "." + name + "(" + json(value) + ")";
                case "n", "output_compression" -> "." + camel(name) + "(" + json(value) + ")";
                case "size" -> ".size(ImageGenerateParams.Size.of(" + json(value) + "))";
                case "quality" -> ".quality(ImageGenerateParams.Quality.of(" + json(value) + "))";
                case "response_format" -> ".responseFormat(ImageGenerateParams.ResponseFormat.of(" + json(value) + "))";
                case "output_format" -> ".outputFormat(ImageGenerateParams.OutputFormat.of(" + json(value) + "))";
                default -> {
                    if (!imports.contains("com.openai.core.JsonValue")) {
                        imports.add(1, "com.openai.core.JsonValue");
                    }
                    yield ".putAdditionalBodyProperty(" + quote(name) + ", JsonValue.from(" + javaValue(value) + "))";
                }
            };
            calls.append("        ").append(call).append('\n');
        });
        return imports.stream().sorted().map(i -> "import " + i + ";").collect(Collectors.joining("\n"))
                + "\n\nOpenAIClient client = OpenAIOkHttpClient.builder()\n"
                + "        .baseUrl(" + quote(baseUrl + "/v1") + ")\n"
                + "        .apiKey(System.getenv(\"" + KEY_ENV + "\"))\n"
                + "        .build();\n"
                + "ImagesResponse result = client.images().generate(ImageGenerateParams.builder()\n"
                + calls
                + "        .build());\n"
                + "System.out.println(result.data().orElseThrow().get(0).url().orElseThrow());";
    }

    private static String curlHead(String baseUrl) {
        return "curl " + baseUrl + "/v1/images/generations \\\n"
                + "  -H \"x-api-key: $" + KEY_ENV + "\" \\\n"
                + "  -H \"content-type: application/json\" \\\n";
    }

    private static Map<String, Object> members(String model, Map<String, Object> fields) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("model", model);
        members.putAll(fields);
        return members;
    }

    /** A JSON string literal, which is also a valid string literal in Python, JavaScript and Java. */
    static String quote(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String json(Object value) {
        return value instanceof String text ? quote(text) : String.valueOf(value);
    }

    private static String pythonValue(Object value) {
        return value instanceof Boolean b ? (b ? "True" : "False") : json(value);
    }

    private static String javaValue(Object value) {
        return value instanceof Long number ? number + "L" : json(value);
    }

    /** Inside single quotes a shell takes everything literally but a single quote, which ends and restarts. */
    private static String shell(String text) {
        return text.replace("'", "'\\''");
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
