package io.floe.api;

/**
 * An OutOfMemoryError (or another error the JVM cannot promise to continue after) is never handled as
 * one more failure: it may have struck any thread halfway (a flush, a buffer write, the monitor), so the
 * process ends at once and its supervisor restarts it; the file buffer replays what was not delivered.
 * The launcher's {@code -XX:+ExitOnOutOfMemoryError} does this for the errors the JVM itself throws;
 * this does it for those that reach a catch-all handler (a Netty exceptionCaught, a failed future),
 * including the ones thrown by code rather than the JVM (Netty's OutOfDirectMemoryError, "Direct buffer
 * memory"), which the flag does not see. A StackOverflowError is not among them: it unwinds cleanly, and
 * client data must never be able to end the agent.
 */
public final class FatalErrors {
    /** The exit status of {@code -XX:+ExitOnOutOfMemoryError}, so a supervisor sees one kind of death. */
    public static final int EXIT_STATUS = 3;

    private FatalErrors() {
    }

    /** Whether {@code t}, or anything in its cause chain, is an OutOfMemoryError, InternalError or UnknownError. */
    public static boolean isFatal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof VirtualMachineError && !(c instanceof StackOverflowError)) {
                return true;
            }
        }
        return false;
    }

    /** Ends the process at once if {@code t} is fatal; otherwise returns, and the caller handles {@code t}. */
    public static void exitIfFatal(Throwable t) {
        if (isFatal(t)) {
            // No logging framework, no shutdown hooks: both may need the memory there is none of.
            System.err.println("floe: terminating on " + t + " (the supervisor restarts the agent; buffered events replay)");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
