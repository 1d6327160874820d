package macserver.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole menu tree. Menus are registered parent first; the order of registration is the order
 * of export, so a menu comes after the menus its references point into.
 */
public final class Schema {
    private final Menu root = Menu.builder(Menu.Kind.DIRECTORY, "").build();
    private final Map<List<String>, Menu> byPath = new LinkedHashMap<>();
    private final Map<Integer, Menu> byCode = new HashMap<>();

    public Schema() {
        byPath.put(List.of(), root);
    }

    public Menu root() {
        return root;
    }

    /** Adds a menu; its parent path must already exist (directories are made as needed). */
    public Menu add(Menu menu) {
        List<String> path = menu.path();
        if (byPath.containsKey(path)) {
            throw new IllegalArgumentException("menu registered twice: " + menu);
        }
        Menu parent = directory(path.subList(0, path.size() - 1));
        if (!menu.isHidden()) {
            parent.addChild(menu);
        }
        byPath.put(path, menu);
        if (menu.code() != 0 && byCode.put(menu.code(), menu) != null) {
            throw new IllegalArgumentException("menu code used twice: " + menu.code());
        }
        return menu;
    }

    private Menu directory(List<String> path) {
        Menu m = byPath.get(path);
        if (m == null) {
            m = add(Menu.builder(Menu.Kind.DIRECTORY, String.join(" ", path)).build());
        }
        return m;
    }

    /** The menu at a path such as {@code "ip mac-server binding"}, or null. */
    public Menu menu(String spacedPath) {
        return byPath.get(spacedPath.isBlank() ? List.of() : List.of(spacedPath.trim().split(" +")));
    }

    public Menu byCode(int code) {
        return byCode.get(code);
    }

    /** All menus in registration order, root first. */
    public List<Menu> menus() {
        return new ArrayList<>(byPath.values());
    }
}
