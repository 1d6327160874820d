package macserver.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import macserver.testsupport.TestModels;
import org.junit.jupiter.api.Test;

class ConfigModelTest {
    private final TestModels.Clocked t = TestModels.fresh();
    private final ConfigModel model = t.model;
    private final Menu servers = model.schema().menu("ip mac-server");
    private final Menu bindings = model.schema().menu("ip mac-server binding");

    private int addServer(String name) throws ConfigException {
        return model.write(Origin.SYSTEM, tx -> tx.add(servers, Map.of(servers.property("name"), name)));
    }

    @Test
    void aFailingTransactionLeavesNoTrace() throws ConfigException {
        addServer("a");
        int before = model.read(() -> model.table(servers).size());
        assertThrows(ConfigException.class, () -> model.write(Origin.SYSTEM, tx -> {
            tx.add(servers, Map.of(servers.property("name"), "b"));
            tx.add(servers, Map.of(servers.property("name"), "a"));
            return null;
        }));
        assertEquals(before, model.read(() -> model.table(servers).size()));
        assertEquals(-1, model.idByName(servers, "b"));
    }

    @Test
    void journalRefusalRollsBackAndListenersHearNothing() throws ConfigException {
        List<List<Change>> heard = new ArrayList<>();
        model.addListener((changes, origin) -> heard.add(changes));
        model.setJournal(new Journal() {
            @Override public long append(List<Change> changes) throws ConfigException {
                throw new ConfigException("failure: not enough space on flash");
            }
            @Override public void awaitDurable(long ticket) { }
        });
        ConfigException e = assertThrows(ConfigException.class, () -> addServer("x"));
        assertEquals("failure: not enough space on flash", e.getMessage());
        assertEquals(-1, model.idByName(servers, "x"));
        assertTrue(heard.isEmpty());
    }

    @Test
    void listenersGetOneMergedChangePerItem() throws ConfigException {
        List<Change> heard = new ArrayList<>();
        model.addListener((changes, origin) -> heard.addAll(changes));
        int id = addServer("s");
        heard.clear();
        model.write(Origin.SYSTEM, tx -> {
            tx.set(servers, id, Map.of(servers.property("comment"), "one"));
            tx.set(servers, id, Map.of(servers.property("comment"), "two"));
            int tmp = tx.add(servers, Map.of(servers.property("name"), "tmp"));
            tx.remove(servers, tmp);
            return null;
        });
        assertEquals(1, heard.size());
        assertNull(heard.get(0).before()[servers.property("comment").index()]);
        assertEquals("two", heard.get(0).after()[servers.property("comment").index()]);
    }

    @Test
    void bindingGetsItsAddedTimeFromTheClock() throws ConfigException {
        int s = addServer("s");
        int b = model.write(Origin.SYSTEM, tx -> tx.add(bindings, Map.of(bindings.property("mac-address"), 0x000102030405L,
                bindings.property("server"), s)));
        assertEquals(t.seconds.get(), model.read(() -> model.table(bindings).get(b)[bindings.property("time").index()]));
    }

    @Test
    void rowsSurviveTheirStoredForm() throws ConfigException {
        int s = addServer("s");
        model.write(Origin.SYSTEM, tx -> {
            tx.set(servers, s, Map.of(servers.property("comment"), "héllo \"x\"", servers.property("authentication"),
                    List.of("radius", "local"), servers.property("idle-timeout"), 5400L, servers.property("default"), true));
            return null;
        });
        Object[] row = model.read(() -> model.table(servers).get(s));
        Object[] back = RowCodec.decode(servers, RowCodec.encode(servers, row));
        assertArrayEquals(row, back);
        Menu users = model.schema().menu("user");
        Object[] admin = model.read(() -> model.table(users).get(model.idByName(users, "admin")));
        assertTrue(java.util.Arrays.deepEquals(admin, RowCodec.decode(users, RowCodec.encode(users, admin))));
    }

    @Test
    void storedFormRejectsGarbageClearly() {
        assertThrows(ConfigException.class, () -> RowCodec.decode(servers, new byte[0]));
        assertThrows(ConfigException.class, () -> RowCodec.decode(servers, new byte[] {1, 0, 100, 'x'}));
        assertThrows(ConfigException.class, () -> RowCodec.decode(servers, new byte[] {9}));
    }

    @Test
    void passwordsNeverStayInTheRow() throws ConfigException {
        Menu users = model.schema().menu("user");
        Menu groups = model.schema().menu("user group");
        List<Change> heard = new ArrayList<>();
        model.addListener((changes, origin) -> heard.addAll(changes));
        model.write(Origin.SYSTEM, tx -> tx.add(users, Map.of(users.property("name"), "bob", users.property("group"),
                model.idByName(groups, "read"), users.property("password"), "s3cret")));
        Object[] row = heard.get(0).after();
        assertNull(row[users.property("password").index()]);
        String stored = new String(RowCodec.encode(users, row), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(!stored.contains("s3cret"));
    }
}
