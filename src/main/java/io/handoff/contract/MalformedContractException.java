package io.handoff.contract;

/** The body is not JSON at all (or breaks the parser's limits); {@code line}/{@code column} locate the problem. */
public class MalformedContractException extends RuntimeException {
    private final int line;
    private final int column;

    public MalformedContractException(String message, int line, int column, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
