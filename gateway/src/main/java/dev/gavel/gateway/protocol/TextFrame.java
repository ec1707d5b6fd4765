package dev.gavel.gateway.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A server message encoded once as UTF-8: every connection it goes to writes these same bytes, so a frame fanned out
 * to thousands of viewers is encoded once, not once per viewer.
 */
public final class TextFrame {

    private final byte[] utf8;

    private TextFrame(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** Takes {@code utf8} as it is: no one may change it afterwards. */
    static TextFrame ofUtf8(byte[] utf8) {
        return new TextFrame(utf8);
    }

    public static TextFrame of(String text) {
        return new TextFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes for one write: a position and limit of its own over the shared bytes, which nothing writes to. */
    public ByteBuffer payload() {
        return ByteBuffer.wrap(utf8);
    }

    public int size() {
        return utf8.length;
    }

    public String text() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
