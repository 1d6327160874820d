package macserver.config.menus;

import macserver.config.Schema;

/** The firmware's menu tree, in export order (a menu after those it refers to). */
public final class StandardSchema {
    private StandardSchema() {
    }

    public static Schema create(LiveStatus live) {
        Schema s = new Schema();
        InterfaceMenus.register(s, live);
        UserMenus.register(s);
        SystemMenus.register(s, live);
        StoreMenus.register(s, live);
        MacServerMenus.register(s, live);
        FleetMenus.register(s, live);
        ServiceMenus.register(s);
        SshMenus.register(s);
        RadiusMenus.register(s, live);
        IotMenus.register(s);
        return s;
    }
}
