package macserver.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import macserver.config.Menu;

/**
 * Which commands each menu offers: the common ones by kind of menu, plus commands that belong to
 * one menu ({@code /system reset-configuration}, {@code /quit}). Looked up by name or prefix.
 */
final class CommandSet {
    private final Map<String, Command> listCommands = new LinkedHashMap<>();
    private final Map<String, Command> singletonCommands = new LinkedHashMap<>();
    private final Map<String, Command> liveCommands = new LinkedHashMap<>();
    private final Map<String, Command> directoryCommands = new LinkedHashMap<>();
    private final Map<List<String>, Map<String, Command>> extra = new LinkedHashMap<>();
    private final Command monitor = new MonitorCommand();

    CommandSet(String version) {
        Command export = new ExportCommand(version);
        for (Command c : List.of(new AddCommand(), new SetCommand(SetCommand.Mode.SET), new RemoveCommand(),
                new PrintCommand(), export, new FindCommand(), new GetCommand(), new SetCommand(SetCommand.Mode.ENABLE),
                new SetCommand(SetCommand.Mode.DISABLE), new SetCommand(SetCommand.Mode.COMMENT),
                new SetCommand(SetCommand.Mode.UNSET))) {
            listCommands.put(c.name(), c);
        }
        for (Command c : List.of(new SetCommand(SetCommand.Mode.SET), new PrintCommand(), export, new GetCommand(),
                new SetCommand(SetCommand.Mode.UNSET))) {
            singletonCommands.put(c.name(), c);
        }
        for (Command c : List.of(new PrintCommand(), new FindCommand(), new GetCommand(), new RemoveCommand())) {
            liveCommands.put(c.name(), c);
        }
        directoryCommands.put(export.name(), export);
        extra.put(List.of(), Map.of("quit", new QuitCommand()));
        extra.put(List.of("system"), Map.of("reset-configuration", new ResetConfigurationCommand()));
    }

    private Map<String, Command> of(Menu menu) {
        Map<String, Command> base = switch (menu.kind()) {
            case LIST -> listCommands;
            case SINGLETON -> singletonCommands;
            case LIVE -> liveCommands;
            case DIRECTORY -> directoryCommands;
        };
        Map<String, Command> out = new LinkedHashMap<>(base);
        out.putAll(extra.getOrDefault(menu.path(), Map.of()));
        if (menu.monitor() != null) {
            out.put(monitor.name(), monitor);
        }
        if (menu.kind() == Menu.Kind.LIST) {
            if (menu.property("disabled") == null) {
                out.remove("enable");
                out.remove("disable");
            }
            if (menu.property("comment") == null) {
                out.remove("comment");
            }
        }
        if (menu.kind() == Menu.Kind.LIVE && menu.liveRemover() == null) {
            out.remove("remove");
        }
        return out;
    }

    List<String> names(Menu menu) {
        return new ArrayList<>(of(menu).keySet());
    }

    Command find(Menu menu, String word) {
        Map<String, Command> all = of(menu);
        String name = Names.match(word, all.keySet());
        return name == null ? null : all.get(name);
    }
}
