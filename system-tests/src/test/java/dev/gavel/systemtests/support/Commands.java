package dev.gavel.systemtests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in the repository's root as a user would, but with none of the {@code GAVEL_} settings of the shell
 * that runs the build: only those given.
 */
public final class Commands {

    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The exit code, and standard output and error together. */
    public record Result(int exitCode, String output) {}

    private Commands() {}

    public static Result run(Map<String, String> environment, Duration timeout, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GAVEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), output);
    }
}
