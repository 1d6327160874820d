package macserver.cli;

import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Plane;

/** Opens CLI sessions over one configuration model; shared by every terminal and plane. */
public final class ModelCliSessions implements CliSessions {
    private final ConfigModel model;
    private final CommandSet commands;

    public ModelCliSessions(ConfigModel model, String firmwareVersion) {
        this.model = model;
        this.commands = new CommandSet(firmwareVersion);
    }

    @Override
    public CliSession open(String userName, Plane via) {
        return new ModelCliSession(model, commands, userName, null, via);
    }

    @Override
    public CliSession open(String userName, String group, Plane via) {
        return new ModelCliSession(model, commands, userName, java.util.Objects.requireNonNull(group, "group"), via);
    }

    @Override
    public String identity() {
        return identity(model);
    }

    /** The current /system identity name. */
    static String identity(ConfigModel model) {
        return model.read(() -> {
            Menu m = model.schema().menu("system identity");
            return (String) model.table(m).get(1)[m.property("name").index()];
        });
    }
}
