package macserver.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * nftables in memory, reading the batches the way nft does for the commands the firmware uses:
 * all of a batch or nothing, and deleting a missing element refuses the batch.
 */
final class FakeNft implements Nft {
    final Map<SetName, String> types = new HashMap<>();
    final Map<SetName, TreeSet<String>> elements = new HashMap<>();
    final List<String> batches = new ArrayList<>();
    String refuseAll;
    int lists;

    @Override
    public String listSet(SetName name) throws NftException {
        lists++;
        if (refuseAll != null) {
            throw new NftException(refuseAll);
        }
        if (!types.containsKey(name)) {
            return null;
        }
        StringBuilder json = new StringBuilder("{\"nftables\": [{\"metainfo\": {}}, {\"set\": {\"family\": \"inet\", \"name\": \""
                + name.set() + "\", \"table\": \"" + name.table() + "\", \"type\": \"" + types.get(name) + "\"");
        if (!elements.get(name).isEmpty()) {
            json.append(", \"elem\": [");
            json.append(String.join(", ", elements.get(name).stream().map(e -> "\"" + e + "\"").toList()));
            json.append("]");
        }
        return json.append("}}]}").toString();
    }

    @Override
    public void apply(String batch) throws NftException {
        if (refuseAll != null) {
            throw new NftException(refuseAll);
        }
        Map<SetName, String> newTypes = new HashMap<>(types);
        Map<SetName, TreeSet<String>> newElements = new HashMap<>();
        elements.forEach((k, v) -> newElements.put(k, new TreeSet<>(v)));
        for (String line : batch.split("\n")) {
            String[] w = line.split(" ", 6);
            if (line.startsWith("add table ")) {
                continue;
            }
            SetName name = new SetName(w[3], w[4]);
            if (line.startsWith("add set ")) {
                newTypes.putIfAbsent(name, line.substring(line.indexOf("type ") + 5, line.indexOf(';')));
                newElements.putIfAbsent(name, new TreeSet<>());
                continue;
            }
            TreeSet<String> set = newElements.get(name);
            if (set == null) {
                throw new NftException("Error: No such file or directory");
            }
            for (String e : w[5].replace("{", "").replace("}", "").split(",")) {
                String mac = e.strip();
                if (w[0].equals("add")) {
                    set.add(mac);
                } else if (!set.remove(mac)) {
                    throw new NftException("Error: Could not process rule: No such file or directory");
                }
            }
        }
        types.clear();
        types.putAll(newTypes);
        elements.clear();
        elements.putAll(newElements);
        batches.add(batch);
    }
}
