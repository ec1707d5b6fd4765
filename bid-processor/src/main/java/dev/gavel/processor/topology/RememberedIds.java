package dev.gavel.processor.topology;

import java.util.Arrays;

/**
 * The ids of the commands the processed-commands store remembers for one auction, kept as hashes so that the store
 * is read only for a command that may be a repeat. Almost every command is new, and a store read that misses was
 * the largest single cost of deciding one. A hash shared by two ids only costs that read; past {@link #LIMIT} ids
 * the hashes are dropped and every command of the auction is looked up, so a busy auction holds at most 4 KB here.
 */
final class RememberedIds {

    static final int LIMIT = 1024;

    /** Null once the ids are not known here. */
    private int[] hashes;

    private int size;

    private RememberedIds(int[] hashes) {
        this.hashes = hashes;
    }

    /** For an auction whose remembered commands are all known: the ones given, and whatever is added later. */
    static RememberedIds of(Iterable<String> ids) {
        RememberedIds remembered = new RememberedIds(new int[8]);
        ids.forEach(remembered::add);
        return remembered;
    }

    /** For an auction whose remembered commands are not known here: every command is looked up. */
    static RememberedIds unknown() {
        return new RememberedIds(null);
    }

    /** False only if the store certainly does not remember {@code id} for this auction. */
    boolean mayContain(String id) {
        if (hashes == null) {
            return true;
        }
        int hash = id.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                return true;
            }
        }
        return false;
    }

    void add(String id) {
        if (hashes == null) {
            return;
        }
        if (size == LIMIT) {
            hashes = null;
            return;
        }
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        hashes[size++] = id.hashCode();
    }
}
