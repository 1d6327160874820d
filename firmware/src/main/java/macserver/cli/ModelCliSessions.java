package macserver.cli;

import macserver.config.ConfigModel;
import macserver.config.Plane;
import macserver.config.menus.SystemMenus;

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
    public CliSession open(String userName, Plane via, String request) {
        return new ModelCliSession(model, commands, userName, null, via, request);
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
        return model.read(() -> SystemMenus.identity(model));
    }
}
