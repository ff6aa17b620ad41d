package io.imagegate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a bare socket, for requests no HTTP client will send: a broken request line, a body shorter
 * than its {@code Content-Length}, chunked framing that lies. Reads one answer, framed by its
 * {@code Content-Length}, its chunks or the connection's close.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * One answer, or {@link #NONE} (status 0) when the server closed the connection without one.
     *
     * @param headers lower-cased names, each with its values in order
     */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return Http.JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text().substring(0, Math.min(text().length(), 2000));
        }
    }

    public static final Answer NONE = new Answer(0, Map.of(), new byte[0]);

    /** Sends {@code request} as it is and reads the answer; {@code halfClose} then ends the sending side. */
    public Answer exchange(byte[] request, boolean halfClose) {
        return exchange(request, halfClose, false);
    }

    /** @param head the request is a HEAD, whose answer has headers only, whatever its Content-Length says */
    public Answer exchange(byte[] request, boolean halfClose, boolean head) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer and close before it has read everything sent; read what it said.
            }
            return read(socket.getInputStream(), head);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 15 s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer exchange(String request, boolean halfClose) {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), halfClose);
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (IOException e) {
            return NONE;
        }
        if (statusLine == null) {
            return NONE;
        }
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, List<String>> headers = headers(in);
        while (status >= 100 && status < 200) {
            // An interim answer (100 Continue) comes before the real one.
            statusLine = line(in);
            if (statusLine == null) {
                return NONE;
            }
            status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            headers = headers(in);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        List<String> encoding = headers.get("transfer-encoding");
        if (head || status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0]);
        } else if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.getFirst())));
        } else if (encoding != null && encoding.getFirst().equalsIgnoreCase("chunked")) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(status, headers, body.toByteArray());
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        return line == null ? 0 : Integer.parseInt(line.split(";")[0].trim(), 16);
    }

    /** A CRLF-ended line without its end, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
