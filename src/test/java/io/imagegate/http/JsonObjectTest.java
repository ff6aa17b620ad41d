package io.imagegate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A body that is not JSON is told where and what, in the caller's words; one that breaks while read is a 400. */
class JsonObjectTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"model\": \"nano-banana\", \"prompt\": | line 1, column 35: expected a value after ':', but the body ends there",
        "{\"a\": }                       | line 1, column 7: expected a value after ':', found '}'",
        "{a: 1}                          | line 1, column 2: expected a property name in double quotes, found 'a'",
        "{\"a\" 1}                       | line 1, column 6: expected ':' after the property name, found '1'",
        "{\"a\": 1 \"b\": 2}             | line 1, column 9: expected ',' or '}' after a value in the object, found '\"'",
        "{\"a\": [1 2]}                  | line 1, column 10: expected ',' or ']' after a value in the array, found '2'",
        "{\"a\": tru}                    | line 1, column 7: found 'tru', which is not a JSON value",
        "{\"a\": [1, 2}                  | line 1, column 12: expected ']' to close the array, found '}'",
        "{\"a\": \"abc                   | line 1, column 11: the body ends inside a string",
        "{\"a\": 01}                     | line 1, column 8: a number JSON does not allow",
        "{\"a\": 1} {}                   | line 1, column 10: more follows the end of the JSON value, found '{'",
        "`{\n  \"a\": 1,\n  \"b\": ]\n}`  | line 3, column 8: expected a value after ':', found ']'",
    })
    void aSyntaxErrorNamesItsLineColumnAndWhatWasExpected(String body, String expected) {
        ApiException error = refusal(body.strip());

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_JSON);
        assertThat(error.getMessage()).startsWith("The body is not valid JSON at " + expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": NaN}", "{\"a\": \"\\q\"}", "{'a': 1}", "{\"a\": \"x\ny\"}", "{\"a\": -}",
        "{\"a\":1,}", "[1, 2", "{\"a\": 1}}", "\u00ff\u00fe", "{\"a\": {\"b\": [tru"})
    void noMessageNamesTheParsersClassesOrOptions(String body) {
        String message = refusal(body).getMessage();

        assertThat(message).startsWith("The body is not valid JSON at line ")
                .doesNotContainIgnoringCase("jackson").doesNotContain("tools.", "Feature", "JsonToken", "Source",
                        "REDACTED", "(code ", "Exception", "JsonNode", "VALUE_STRING");
    }

    @Test
    void aBodyThatBreaksWhileReadIs400MalformedBody() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new java.io.EOFException("Early EOF");
            }
        };

        ApiException error = catchThrowableOfType(ApiException.class, () -> JsonObject.read(broken));

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(error.getMessage()).isEqualTo(JsonObject.UNREADABLE);
    }

    private static ApiException refusal(String body) {
        return catchThrowableOfType(ApiException.class, () -> JsonObject.read(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1))));
    }
}
