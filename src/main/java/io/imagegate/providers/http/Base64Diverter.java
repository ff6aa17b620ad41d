package io.imagegate.providers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Objects;

/**
 * Sits between a vendor's response body and Jackson, and keeps long base64 string values away from Jackson's
 * scalar base64 decoder, the gateway's hottest code before this existed. It lexes just enough JSON to know
 * whether it is inside a string and whether that string is a field name. A value that reaches
 * {@link #LONG} characters using only the base64 alphabet (with the escape {@code \/}, and {@code \n} or
 * {@code \r} taken as MIME line breaks) is not handed to Jackson: Jackson reads a short placeholder string
 * instead, and the stream stops right after it. Jackson never reads past the end of a string token before it
 * is asked for the next token, so while the parser stands on the placeholder its content is still unread
 * here: {@link #decodeTo} then decodes it with {@link Base64.Decoder}, which is vectorised, straight from the
 * socket in large blocks. A value nobody asks for is skipped without being decoded when Jackson reads on.
 * Everything else, shorter strings and long ones with other characters included, passes through
 * byte for byte.
 */
final class Base64Diverter extends InputStream {

    /** Characters of base64 that make a string value worth diverting; image data is megabytes long. */
    static final int LONG = 1024;
    /** Base64 characters per decode call: a multiple of 4, so only the last call can meet padding. */
    static final int CHUNK = 64 * 1024;
    private static final int BUFFER = 64 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    private enum Lexing { OUTSIDE, STRING_START, IN_STRING, ESCAPE, DIVERTED }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];
    private int position;
    private int limit;
    private Lexing lexing = Lexing.OUTSIDE;
    /** Open containers, innermost last: set bits are objects, where a string after '{' or ',' is a name. */
    private final BitSet objects = new BitSet();
    private int depth;
    private boolean nameNext;
    private int diverted;
    private byte[] placeholder;
    private int placeholderSent;
    private final byte[] one = new byte[1];

    Base64Diverter(InputStream in) {
        this.in = Objects.requireNonNull(in);
    }

    /** What Jackson reads in place of the {@code number}th diverted value. */
    static String placeholder(int number) {
        return "\u0000blob:" + number;
    }

    /**
     * Whether {@code text}, a string the parser stands on, is the placeholder of a value whose content is still
     * unread here.
     */
    boolean holds(String text) {
        return lexing == Lexing.DIVERTED && placeholderSent == placeholder.length
                && text.equals(placeholder(diverted));
    }

    /**
     * Decodes the held value into {@code out}, reading it through its closing quote.
     *
     * @throws IllegalArgumentException if the value is not valid base64 or the body ends inside it
     */
    void decodeTo(OutputStream out) throws IOException {
        requireHeld();
        Base64.Decoder decoder = Base64.getDecoder();
        byte[] chunk = new byte[CHUNK];
        byte[] decoded = new byte[CHUNK / 4 * 3];
        int filled = 0;
        boolean padded = false;
        while (true) {
            if (position == limit && !fill()) {
                throw new IllegalArgumentException("the body ends inside the base64 value");
            }
            int end = Math.min(limit, position + (CHUNK - filled));
            int at = stopAt(buffer, position, end);
            System.arraycopy(buffer, position, chunk, filled, at - position);
            filled += at - position;
            position = at;
            if (at < end) {
                if (buffer[at] == '"') {
                    position++;
                    break;
                }
                byte escaped = escapedByte();
                if (escaped == '/') {
                    chunk[filled++] = '/';
                } else if (escaped != 'n' && escaped != 'r') {
                    throw new IllegalArgumentException("the escape \\" + (char) escaped + " in base64");
                }
            }
            if (filled == CHUNK) {
                if (padded) {
                    throw new IllegalArgumentException("base64 characters after the padding");
                }
                out.write(decoded, 0, decoder.decode(chunk, decoded));
                padded = chunk[CHUNK - 1] == '=';
                filled = 0;
            }
        }
        if (filled > 0) {
            if (padded) {
                throw new IllegalArgumentException("base64 characters after the padding");
            }
            out.write(decoded, 0, decoder.decode(Arrays.copyOf(chunk, filled), decoded));
        }
        lexing = Lexing.OUTSIDE;
    }

    /** The held value's raw JSON content, through its closing quote, for a caller that wants it as text. */
    byte[] rawContent() throws IOException {
        requireHeld();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        skipContent(raw);
        return raw.toByteArray();
    }

    @Override
    public int read() throws IOException {
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (lexing == Lexing.DIVERTED) {
            if (placeholderSent < placeholder.length) {
                int n = Math.min(length, placeholder.length - placeholderSent);
                System.arraycopy(placeholder, placeholderSent, into, offset, n);
                placeholderSent += n;
                return n; // ends at the placeholder's quote: see the class comment
            }
            skipContent(OutputStream.nullOutputStream()); // Jackson read on: nobody wanted the value
        }
        int n = 0;
        while (n < length) {
            if (position == limit && (n > 0 || !fill())) {
                break;
            }
            byte b = buffer[position];
            switch (lexing) {
                case OUTSIDE -> {
                    into[offset + n++] = b;
                    position++;
                    outside(b);
                }
                case STRING_START -> {
                    if (!nameNext && isLongBase64()) {
                        lexing = Lexing.DIVERTED;
                        placeholder = (placeholder(++diverted).replace("\u0000", "\\u0000") + '"')
                                .getBytes(StandardCharsets.US_ASCII);
                        placeholderSent = 0;
                        return n > 0 ? n : read(into, offset, length);
                    }
                    lexing = Lexing.IN_STRING;
                }
                case IN_STRING -> {
                    into[offset + n++] = b;
                    position++;
                    if (b == '\\') {
                        lexing = Lexing.ESCAPE;
                    } else if (b == '"') {
                        lexing = Lexing.OUTSIDE;
                        nameNext = false;
                    }
                }
                case ESCAPE -> {
                    into[offset + n++] = b;
                    position++;
                    lexing = Lexing.IN_STRING;
                }
                case DIVERTED -> throw new IllegalStateException("unreachable: a diverted value is handled above");
            }
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Tracks structure outside strings, enough to tell a field name from a value. */
    private void outside(byte b) {
        switch (b) {
            case '"' -> lexing = Lexing.STRING_START;
            case '{' -> open(true);
            case '[' -> open(false);
            case '}', ']' -> {
                depth = Math.max(0, depth - 1);
                nameNext = false;
            }
            case ',' -> nameNext = depth > 0 && objects.get(depth - 1);
            case ':' -> nameNext = false;
            default -> {
                // whitespace, numbers, literals
            }
        }
    }

    private void open(boolean object) {
        objects.set(depth++, object);
        nameNext = object;
    }

    /**
     * Looks ahead from the first content byte of a string value, without consuming anything: true once
     * {@link #LONG} characters of base64 have been seen, false at anything else, the end of the string included.
     */
    private boolean isLongBase64() throws IOException {
        int ahead = 0;
        int characters = 0;
        while (characters < LONG) {
            if (position + ahead + 1 >= limit && !fillKeeping(ahead + 2) && position + ahead >= limit) {
                return false;
            }
            byte b = buffer[position + ahead];
            if (isBase64(b)) {
                characters++;
                ahead++;
            } else if (b == '\\' && position + ahead + 1 < limit) {
                byte escaped = buffer[position + ahead + 1];
                if (escaped == '/') {
                    characters++;
                } else if (escaped != 'n' && escaped != 'r') {
                    return false;
                }
                ahead += 2;
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the first {@code "} or {@code \\} in {@code bytes[from, end)}, or {@code end}: eight bytes at a
     * time while none of them is either. A byte-at-a-time loop here cost as much as the vectorised decode of the
     * same bytes several times over (BENCHMARKS.md, issue 16).
     */
    static int stopAt(byte[] bytes, int from, int end) {
        int at = from;
        while (at <= end - Long.BYTES) {
            long word = (long) LONGS.get(bytes, at);
            if (hasZeroByte(word ^ QUOTES) || hasZeroByte(word ^ BACKSLASHES)) {
                break;
            }
            at += Long.BYTES;
        }
        while (at < end && bytes[at] != '"' && bytes[at] != '\\') {
            at++;
        }
        return at;
    }

    /** Exact for "some byte is zero"; it cannot tell which (Hacker's Delight, 6-1). */
    private static boolean hasZeroByte(long word) {
        return ((word - ONES) & ~word & HIGHS) != 0;
    }

    private static boolean isBase64(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                || b == '=';
    }

    /** Reads the held value's content through its closing quote into {@code raw}, escapes kept as they are. */
    private void skipContent(OutputStream raw) throws IOException {
        boolean escape = false;
        while (true) {
            if (position == limit && !fill()) {
                lexing = Lexing.OUTSIDE; // Jackson meets the end of the body and reports it
                return;
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position++];
                if (escape) {
                    escape = false;
                } else if (b == '\\') {
                    escape = true;
                } else if (b == '"') {
                    raw.write(buffer, start, position - 1 - start);
                    lexing = Lexing.OUTSIDE;
                    return;
                }
            }
            raw.write(buffer, start, position - start);
        }
    }

    /** The byte after the backslash at {@link #position}; consumes both. */
    private byte escapedByte() throws IOException {
        if (position + 1 >= limit && !fillKeeping(2)) {
            throw new IllegalArgumentException("the body ends inside the base64 value");
        }
        byte escaped = buffer[position + 1];
        position += 2;
        return escaped;
    }

    private void requireHeld() {
        if (lexing != Lexing.DIVERTED || placeholderSent < placeholder.length) {
            throw new IllegalStateException("no diverted value is waiting to be read");
        }
    }

    /** Refills an exhausted buffer; false at the end of the body. */
    private boolean fill() throws IOException {
        position = 0;
        limit = 0;
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    /**
     * Moves the unread bytes to the front and reads until at least {@code wanted} of them are buffered;
     * false if the body ends first.
     */
    private boolean fillKeeping(int wanted) throws IOException {
        int kept = limit - position;
        System.arraycopy(buffer, position, buffer, 0, kept);
        position = 0;
        limit = kept;
        while (limit < wanted) {
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n <= 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }
}
