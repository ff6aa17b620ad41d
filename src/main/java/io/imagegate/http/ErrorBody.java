package io.imagegate.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code {"error": {"message", "type", "code", "param"}}}, the shape the OpenAI SDKs parse; any other shape
 * reaches their users as "status code (no body)". {@code param} is written even when null, as OpenAI does.
 */
public record ErrorBody(Detail error) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Detail(String message, String type, String code, String param) {
    }

    public static ErrorBody of(ErrorCode code, String message, String param) {
        return new ErrorBody(new Detail(message, code.type().wire(), code.code(), param));
    }
}
