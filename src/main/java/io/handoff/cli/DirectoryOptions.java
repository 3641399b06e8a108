package io.handoff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import picocli.CommandLine.Option;

/**
 * The approver directory ({@code handoff.orchestration.approvers.*}) as the service would read it: the
 * {@code application.properties} packaged with the service, overridden per approver by {@code ./application.properties}
 * and then {@code ./config/application.properties} when present (Spring Boot's own order), or exactly the file given with
 * {@code --config}.
 */
final class DirectoryOptions {
    private static final String PREFIX = "handoff.orchestration.approvers.";

    @Option(names = "--config", description = "application.properties holding the approver directory "
            + "(default: the packaged one, overridden by ./application.properties and ./config/application.properties)")
    Path config;

    /** The directory read, and from where, for the analyst to see which one was checked. */
    record Directory(Map<String, List<String>> approvers, List<String> readFrom) {
        Set<String> roles() {
            Set<String> roles = new TreeSet<>();
            approvers.values().forEach(roles::addAll);
            return roles;
        }
    }

    Directory read() {
        Map<String, List<String>> approvers = new TreeMap<>();
        List<String> from = new ArrayList<>();
        if (config != null) {
            if (!Files.isRegularFile(config)) {
                throw new IllegalArgumentException("--config " + config + " is not a file");
            }
            load(file(config), approvers);
            from.add(config.toString());
            return new Directory(approvers, from);
        }
        try (InputStream packaged = DirectoryOptions.class.getResourceAsStream("/application.properties")) {
            if (packaged != null) {
                Properties properties = new Properties();
                properties.load(new java.io.InputStreamReader(packaged, StandardCharsets.UTF_8));
                load(properties, approvers);
                from.add("classpath:application.properties");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged application.properties", e);
        }
        for (Path local : List.of(Path.of("application.properties"), Path.of("config", "application.properties"))) {
            if (Files.isRegularFile(local)) {
                load(file(local), approvers);
                from.add(local.toString());
            }
        }
        return new Directory(approvers, from);
    }

    private static Properties file(Path path) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return properties;
    }

    private static void load(Properties properties, Map<String, List<String>> approvers) {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                approvers.put(key.substring(PREFIX.length()), List.of(properties.getProperty(key).split(",")).stream()
                        .map(String::strip).filter(role -> !role.isEmpty()).toList());
            }
        }
    }
}
