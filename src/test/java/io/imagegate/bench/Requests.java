package io.imagegate.bench;

import io.imagegate.bench.LoadGenerator.Command;
import java.net.URI;
import java.util.Map;

/** The request bodies of the scenarios, and the load commands that send them. */
final class Requests {

    private Requests() {
    }

    /** {@code POST /v1/images/generations} on the gateway. */
    static String gateway(String model, String size, String responseFormat, StubDirectives stub) {
        return """
                {"model": "%s", "prompt": "%s", "size": "%s", "response_format": "%s"}"""
                .formatted(model, stub.prompt(), size, responseFormat);
    }

    /** What the gateway sends Gemini for a 1024x1024 image, sent to the stub directly. */
    static String geminiDirect(StubDirectives stub) {
        return """
                {"contents": [{"role": "user", "parts": [{"text": "%s"}]}],
                 "generationConfig": {"responseModalities": ["TEXT", "IMAGE"], "imageConfig": {"aspectRatio": "1:1"},
                   "seed": 42, "candidateCount": 1}}""".formatted(stub.prompt());
    }

    static URI geminiDirectUri(Bench bench) {
        return bench.stub("/v1beta/models/gemini-2.5-flash-image:generateContent");
    }

    /** What the gateway sends an OpenAI-compatible server for one 1024x1024 image, sent to the stub directly. */
    static String openAiDirect(StubDirectives stub) {
        return """
                {"model": "gpt-image-1.5", "prompt": "%s", "n": 1, "size": "1024x1024"}""".formatted(stub.prompt());
    }

    /**
     * What a caller sends an OpenAI-wire gateway that passes the body through (the peer): the direct body, with
     * the response format asked for explicitly, since the peer forwards it as it is.
     */
    static String openAiPassThrough(StubDirectives stub) {
        return """
                {"model": "gpt-image-1.5", "prompt": "%s", "n": 1, "size": "1024x1024",
                 "response_format": "b64_json"}"""
                .formatted(stub.prompt());
    }

    static URI openAiDirectUri(Bench bench) {
        return bench.stub("/v1/images/generations");
    }

    static Command open(URI url, Map<String, String> headers, String body, double rate, double seconds) {
        return new Command("open", url.toString(), headers, body, "1.1", null, rate, seconds, 0, 0, 0, 120);
    }

    static Command closed(URI url, Map<String, String> headers, String body, int concurrency, double seconds) {
        return new Command("closed", url.toString(), headers, body, "1.1", null, 0, seconds, concurrency, 0, 0,
                120);
    }

    static Command burst(URI url, Map<String, String> headers, String body, int count, double rampSeconds,
            double timeoutSeconds) {
        return new Command("burst", url.toString(), headers, body, "1.1", null, 0, 0, 0, count, rampSeconds,
                timeoutSeconds);
    }
}
