package io.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Opens and saves a workbook with LibreOffice Calc ({@code soffice --headless --convert-to xlsx}), for tests. */
public final class LibreOffice {
    private LibreOffice() {
    }

    public static boolean available() {
        try {
            Process probe = new ProcessBuilder("soffice", "--version").redirectErrorStream(true).start();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Saves {@code file} as LibreOffice writes it, in a fresh profile; returns the saved copy. */
    public static Path save(Path file) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("soffice-out");
        Path profile = Files.createTempDirectory("soffice-profile");
        Process convert = new ProcessBuilder("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--convert-to", "xlsx", "--outdir", out.toString(), file.toString()).redirectErrorStream(true).start();
        assertThat(convert.waitFor(120, TimeUnit.SECONDS)).as("soffice finished").isTrue();
        Path saved = out.resolve(file.getFileName());
        assertThat(saved).exists();
        return saved;
    }
}
