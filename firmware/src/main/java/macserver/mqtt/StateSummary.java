package macserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.menus.MacServerMenus.BindingRow;
import macserver.config.menus.MacServerMenus.ServerRow;
import macserver.json.JsonArray;
import macserver.json.JsonObject;

/**
 * The retained {@code <prefix>/state} document: counts and servers, never the bindings
 * themselves, so it stays a few hundred bytes at 1,000,000 bindings.
 */
final class StateSummary {
    private StateSummary() {
    }

    static byte[] of(ConfigModel model) {
        return model.read(() -> {
            Menu bindings = model.schema().menu("ip mac-server binding");
            Menu servers = model.schema().menu("ip mac-server");
            Map<Integer, Integer> perServer = new HashMap<>();
            int dynamicCount = 0;
            for (var it = model.table(bindings).iterator(); it.hasNext(); ) {
                Object[] row = it.next().getValue();
                perServer.merge(BindingRow.server(row), 1, Integer::sum);
                if (BindingRow.dynamic(row)) {
                    dynamicCount++;
                }
            }
            JsonObject o = new JsonObject();
            o.put("bindings", model.table(bindings).size());
            o.put("dynamic-bindings", dynamicCount);
            JsonArray list = new JsonArray();
            o.put("servers", list);
            for (var it = model.table(servers).iterator(); it.hasNext(); ) {
                var e = it.next();
                Object[] row = e.getValue();
                JsonObject s = new JsonObject();
                list.add(s);
                s.put("name", ServerRow.name(row));
                s.put("default", ServerRow.isDefault(row));
                s.put("disabled", ServerRow.disabled(row));
                s.put("bindings", perServer.getOrDefault(e.getKey(), 0));
            }
            o.put("time", model.now());
            return o.toString().getBytes(StandardCharsets.UTF_8);
        });
    }
}
