package macserver.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import macserver.config.ConfigModel;
import macserver.config.Menu;

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
            int server = bindings.property("server").index();
            int dynamic = bindings.property("dynamic").index();
            Map<Integer, Integer> perServer = new HashMap<>();
            int dynamicCount = 0;
            for (var it = model.table(bindings).iterator(); it.hasNext(); ) {
                Object[] row = it.next().getValue();
                perServer.merge((Integer) row[server], 1, Integer::sum);
                if (Boolean.TRUE.equals(row[dynamic])) {
                    dynamicCount++;
                }
            }
            ObjectNode o = Request.JSON.createObjectNode();
            o.put("bindings", model.table(bindings).size());
            o.put("dynamic-bindings", dynamicCount);
            ArrayNode list = o.putArray("servers");
            for (var it = model.table(servers).iterator(); it.hasNext(); ) {
                var e = it.next();
                Object[] row = e.getValue();
                ObjectNode s = list.addObject();
                s.put("name", (String) row[servers.property("name").index()]);
                s.put("default", Boolean.TRUE.equals(row[servers.property("default").index()]));
                s.put("disabled", Boolean.TRUE.equals(row[servers.property("disabled").index()]));
                s.put("bindings", perServer.getOrDefault(e.getKey(), 0));
            }
            o.put("time", model.now());
            return o.toString().getBytes(StandardCharsets.UTF_8);
        });
    }
}
