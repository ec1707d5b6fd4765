package dev.gavel.loadgen.check;

/** A run whose figures must not be reported: the system lost or mangled messages, or the run could not proceed. */
public final class RunFailure extends RuntimeException {

    public RunFailure(String message) {
        super(message);
    }

    public RunFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
