package dev.gavel.gateway.session;

/**
 * Puts a client message together from the parts the container hands over, up to a size limit. The container's buffer
 * per connection stays small (a few KiB, allocated for every idle viewer too); only a message that is actually being
 * received is held, and never more than the limit of it.
 */
final class MessageAssembler {

    /** A message went over the limit; its parts were dropped. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final long limitBytes;
    private StringBuilder parts;
    private long bytes;
    private boolean tooLarge;

    MessageAssembler(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /**
     * Adds a part.
     *
     * @return the whole message once its last part arrived, null before
     * @throws TooLarge on the last part of a message that went over the limit
     */
    String add(String part, boolean last) {
        bytes += utf8Length(part);
        if (bytes > limitBytes) {
            tooLarge = true;
            parts = null;
        } else if (!tooLarge && !(last && parts == null)) {
            if (parts == null) {
                parts = new StringBuilder(part.length() * 2);
            }
            parts.append(part);
        }
        if (!last) {
            return null;
        }
        boolean refused = tooLarge;
        String message = parts == null ? part : parts.toString();
        parts = null;
        bytes = 0;
        tooLarge = false;
        if (refused) {
            throw new TooLarge();
        }
        return message;
    }

    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
