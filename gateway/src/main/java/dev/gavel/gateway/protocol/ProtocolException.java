package dev.gavel.gateway.protocol;

/** Bad input from a client: answered with an {@code error} message and changes nothing. */
public class ProtocolException extends RuntimeException {

    private final ErrorCode code;
    private final String requestId;

    public ProtocolException(ErrorCode code, String message, String requestId) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public ProtocolException forRequest(String requestId) {
        return new ProtocolException(code, getMessage(), requestId);
    }
}
