package macserver.config;

import java.util.List;

/** Resolves item names to ids and back, for properties that refer to items of another menu. */
public interface References {

    /** The id of the item named {@code name} in {@code menu}, or -1. */
    int idByName(Menu menu, String name);

    /** The name of item {@code id} in {@code menu}, or null if there is none. */
    String nameById(Menu menu, int id);

    /** All item names of {@code menu}, for completion. */
    List<String> names(Menu menu);

    References NONE = new References() {
        @Override public int idByName(Menu menu, String name) { return -1; }
        @Override public String nameById(Menu menu, int id) { return null; }
        @Override public List<String> names(Menu menu) { return List.of(); }
    };
}
