package io.handoff.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * H2 URLs for the benchmarks: the shipped default's settings ({@code spring.datasource.url} in application.properties)
 * on a file of the benchmark's own, so a benchmark measures what the service ships and cannot drift from it.
 * {@code bench.h2-options} (e.g. {@code ;CACHE_SIZE=1024;PAGE_SIZE=8192}) overrides or adds settings, to try one.
 */
final class BenchH2 {
    private BenchH2() {
    }

    /** The shipped settings on {@code file} (an absolute path without .mv.db), with {@code bench.h2-options} applied. */
    static String url(Path file) {
        return url(file, System.getProperty("bench.h2-options", ""));
    }

    static String url(Path file, String overrides) {
        String shipped = shippedUrl();
        Map<String, String> settings = settings(shipped.substring(shipped.indexOf(';') + 1));
        settings.putAll(settings(overrides));
        StringBuilder url = new StringBuilder("jdbc:h2:file:").append(file.toAbsolutePath());
        settings.forEach((key, value) -> url.append(';').append(key).append('=').append(value));
        return url.toString();
    }

    static String shippedUrl() {
        Properties properties = new Properties();
        try (InputStream in = BenchH2.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = properties.getProperty("spring.datasource.url");
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            throw new IllegalStateException("application.properties does not ship an H2 file URL: " + url);
        }
        return url;
    }

    private static Map<String, String> settings(String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : text.split(";")) {
            int equals = setting.indexOf('=');
            if (equals > 0) {
                settings.put(setting.substring(0, equals).trim().toUpperCase(java.util.Locale.ROOT), setting.substring(equals + 1).trim());
            }
        }
        return settings;
    }
}
