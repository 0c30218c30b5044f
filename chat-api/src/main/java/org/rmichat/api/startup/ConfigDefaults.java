package org.rmichat.api.startup;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where an option not given on the command line takes its value from, in order: the environment
 * ({@code --max-queue} is {@code RMICHAT_MAX_QUEUE}), then the configuration file ({@code max-queue = 500}),
 * then the option's own default. The command line beats all three because picocli asks a default provider only
 * for options the command line did not set.
 *
 * <p>The file is {@code --config FILE}, else {@code $RMICHAT_CONFIG}, else an optional per-user file that is
 * read only if it exists (the client's {@code ~/.config/rmichat/client.conf}). picocli parses the command line
 * before it asks for defaults, so {@code --config} is known by then. A key that is no option, or a value that
 * does not convert, is bad usage (exit 2) in one line naming the file and line: see {@link #install}.
 *
 * <p>Relative paths in the file ({@code password-file = secret}) are relative to the file, not to the working
 * directory, which for a service is {@code /}.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
    public static final String CONFIG_OPTION = "--config";
    public static final String PRINT_OPTION = "--print-config";
    private static final String PREFIX = "RMICHAT_";

    private final Map<String, String> env;
    private final Optional<Path> userFile;
    /** Where each option's value came from, for error messages and {@code --print-config}. */
    private final Map<ArgSpec, String> sources = new HashMap<>();
    private ConfigFile file;           // read on the first question, once --config is parsed
    private boolean fileLoaded;

    private ConfigDefaults(Map<String, String> env, Optional<Path> userFile) {
        this.env = Map.copyOf(env);
        this.userFile = Objects.requireNonNull(userFile);
    }

    /**
     * Makes {@code cmd} take defaults from {@code env} and the configuration file, and report a bad value that
     * came from either as one line naming where it came from. {@code userFile} is read when no file is named
     * and it exists.
     */
    public static ConfigDefaults install(CommandLine cmd, Map<String, String> env, Optional<Path> userFile) {
        ConfigDefaults defaults = new ConfigDefaults(env, userFile);
        cmd.setDefaultValueProvider(defaults);
        CommandLine.IParameterExceptionHandler usual = cmd.getParameterExceptionHandler();
        cmd.setParameterExceptionHandler((ex, args) -> {
            Optional<String> source = Optional.ofNullable(ex.getArgSpec()).map(defaults.sources::get);
            boolean aboutTheFile = ex instanceof FileProblem || ex.getCause() instanceof FileProblem;
            if (source.isEmpty() && !aboutTheFile) {
                return usual.handleParseException(ex, args);
            }
            // from a file or the environment: no usage text, which would point at the command line
            ex.getCommandLine().getErr().println(source.map(s -> s + ": ").orElse("") + ex.getMessage());
            return StartupFailure.BAD_USAGE;
        });
        return defaults;
    }

    /** {@code $XDG_CONFIG_HOME/rmichat/NAME}, or {@code ~/.config/rmichat/NAME}. */
    public static Optional<Path> userConfig(Map<String, String> env, String name) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) return Optional.of(Path.of(xdg, "rmichat", name));
        String home = env.get("HOME");
        if (home == null || home.isBlank()) return Optional.empty();
        return Optional.of(Path.of(home, ".config", "rmichat", name));
    }

    /** {@code --max-queue} → {@code RMICHAT_MAX_QUEUE}. */
    public static String envName(OptionSpec option) {
        return PREFIX + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code --max-queue} → {@code max-queue}. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || !configurable(option)) {
            if (arg instanceof OptionSpec option && option.longestName().equals(CONFIG_OPTION)) {
                return env.get(PREFIX + "CONFIG");
            }
            return null;
        }
        String fromEnv = env.get(envName(option));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            sources.put(arg, "environment variable " + envName(option));
            return fromEnv;
        }
        ConfigFile config = file(option.command());
        if (config == null) return null;
        Optional<ConfigFile.Entry> entry = config.get(key(option));
        if (entry.isEmpty() || entry.get().value().isEmpty()) return null;   // "bind =": as if absent
        sources.put(arg, config.where(entry.get()));
        String value = entry.get().value();
        if (option.type() == Path.class && !value.isEmpty() && !Path.of(value).isAbsolute()) {
            Path dir = config.path().toAbsolutePath().getParent();
            return dir.resolve(value).toString();
        }
        return value;
    }

    /** Options a file or the environment may set: all but --config itself, --print-config, help and version. */
    static boolean configurable(OptionSpec option) {
        String name = option.longestName();
        return !option.usageHelp() && !option.versionHelp() && name.startsWith("--")
                && !name.equals(CONFIG_OPTION) && !name.equals(PRINT_OPTION);
    }

    private ConfigFile file(CommandSpec spec) {
        if (fileLoaded) return file;
        fileLoaded = true;
        Optional<Path> path = named(spec);
        if (path.isEmpty()) return null;
        try {
            file = ConfigFile.read(path.get());
        } catch (ConfigFile.Invalid e) {
            throw new FileProblem(spec.commandLine(), e.getMessage());
        }
        for (ConfigFile.Entry entry : file.entries()) {
            OptionSpec option = spec.findOption(entry.key());
            if (option == null || !configurable(option) || !option.longestName().equals("--" + entry.key())) {
                throw new FileProblem(spec.commandLine(), file.where(entry) + ": unknown key '"
                        + entry.key() + "'" + (entry.key().equals("config") ? " (a file cannot name another)" : ""));
            }
        }
        return file;
    }

    private Optional<Path> named(CommandSpec spec) {
        OptionSpec config = spec.findOption(CONFIG_OPTION);
        Object given = config == null ? null : config.getValue();
        if (given != null) return Optional.of(Path.of(given.toString()));
        String fromEnv = env.get(PREFIX + "CONFIG");
        if (fromEnv != null && !fromEnv.isEmpty()) return Optional.of(Path.of(fromEnv));
        return userFile.filter(Files::isRegularFile);
    }

    /** Where {@code option}'s value came from: the command line, a file's line, the environment, or its default. */
    public String source(OptionSpec option, CommandLine.ParseResult parsed) {
        if (parsed.hasMatchedOption(option)) return "command line";
        return sources.getOrDefault(option, "default");
    }

    /**
     * Prints the effective configuration as a file this provider reads back: {@code key = value} with where
     * each came from. Values are the strings given, not the parsed objects ({@code 30s}, not {@code PT30S}).
     * Secrets are never among them: options name secret files, and a password in a {@code redis://} URI is
     * redacted. Environment variables holding secrets ({@code secretEnv}) are shown as set or not.
     */
    public void print(CommandLine.ParseResult parsed, PrintWriter out, Set<String> secretEnv) {
        CommandSpec spec = parsed.commandSpec();
        named(spec).ifPresent(p -> out.println("# read from " + p));
        for (OptionSpec option : spec.options()) {
            if (!configurable(option)) continue;
            Optional<String> value = valueString(option, parsed);
            if (value.isEmpty()) {
                out.println("# " + key(option) + " =    # not set");
            } else {
                out.println(key(option) + " = " + redact(value.get()) + "    # " + source(option, parsed));
            }
        }
        for (String name : secretEnv.stream().sorted().toList()) {
            String set = env.get(name);
            out.println("# " + name + (set == null || set.isEmpty() ? " is not set" : " is set (redacted)"));
        }
        out.flush();
    }

    private Optional<String> valueString(OptionSpec option, CommandLine.ParseResult parsed) {
        if (parsed.hasMatchedOption(option)) {
            List<String> given = new ArrayList<>(option.originalStringValues());
            if (option.arity().max() == 0) return Optional.of(String.valueOf(option.getValue()));
            return Optional.of(String.join(",", given));
        }
        if (option.arity().max() == 0) return Optional.of(String.valueOf(Boolean.TRUE.equals(option.getValue())));
        String fromProvider = defaultValue(option);
        if (fromProvider != null) return Optional.of(fromProvider);
        String annotated = option.defaultValueString(true);
        if (annotated == null || annotated.equals("null") || annotated.equals(CommandLine.Option.NULL_VALUE)) {
            return Optional.empty();
        }
        return Optional.of(annotated);
    }

    /** {@code redis://:secret@host:6379} → {@code redis://:***@host:6379}; anything else as it is. */
    static String redact(String value) {
        int scheme = value.indexOf("://");
        if (scheme < 0) return value;
        String[] parts = value.split(",", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) out.append(',');
            out.append(redactOne(parts[i]));
        }
        return out.toString();
    }

    private static String redactOne(String value) {
        int scheme = value.indexOf("://");
        if (scheme < 0) return value;
        int at = value.indexOf('@', scheme + 3);
        int slash = value.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && slash < at)) return value;
        String userInfo = value.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return value.substring(0, scheme + 3) + user + ":***" + value.substring(at);
    }

    /** The file itself is wrong (unreadable, malformed, an unknown key): one line, no usage text. */
    private static final class FileProblem extends ParameterException {
        private static final long serialVersionUID = 1L;

        FileProblem(CommandLine cmd, String message) {
            super(cmd, message);
        }
    }
}
