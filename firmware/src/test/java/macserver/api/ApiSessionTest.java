package macserver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import macserver.config.ConfigModel;
import macserver.config.Menu;
import macserver.config.Origin;
import macserver.config.Plane;
import macserver.rest.RestApi;
import macserver.testsupport.TestModels;
import macserver.users.LoginService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiSessionTest {
    /** Logins: admin/secret and reader/readpw succeed, and only over the API plane. */
    private static final LoginService LOGINS = new LoginService() {
        @Override
        public Outcome login(String user, char[] password, Plane via) {
            boolean ok = via == Plane.API && (user.equals("admin") && new String(password).equals("secret")
                    || user.equals("reader") && new String(password).equals("readpw"));
            return ok ? Outcome.SUCCESS : Outcome.FAILURE;
        }

        @Override
        public void changePassword(String user, char[] newPassword) {
            throw new UnsupportedOperationException();
        }
    };

    private ConfigModel model;
    private final java.util.Set<String> allowed = new java.util.HashSet<>(java.util.Set.of("admin", "reader"));
    private final ArrayDeque<Runnable> work = new ArrayDeque<>();
    private EmbeddedChannel ch;
    private ApiSentenceDecoder decoder;
    private final EmbeddedChannel replies = new EmbeddedChannel(new ApiSentenceDecoder(ApiLimits.defaults()));

    @BeforeEach
    void setUp() throws Exception {
        model = TestModels.fresh().model;
        model.write(Origin.SYSTEM, tx -> {
            Menu users = model.schema().menu("user");
            tx.add(users, Map.of(users.property("name"), "reader",
                    users.property("group"), model.idByName(model.schema().menu("user group"), "read")));
            return null;
        });
        decoder = new ApiSentenceDecoder(new ApiLimits(1024, 4096, 32));
        ch = new EmbeddedChannel(new SentenceDeadline(decoder, 30_000), decoder, ApiSentenceEncoder.INSTANCE,
                new ApiSession(new ApiCommands(new RestApi(model, Plane.API)), LOGINS, allowed::contains, work::add,
                        60_000));
    }

    private void sendBytes(byte[] bytes) {
        ch.writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
    }

    private void send(String... words) {
        EmbeddedChannel encoder = new EmbeddedChannel(ApiSentenceEncoder.INSTANCE);
        encoder.writeOutbound(ApiSentence.of(words));
        ch.writeInbound((ByteBuf) encoder.readOutbound());
    }

    /** Runs the queued worker jobs and the event-loop tasks they post, until nothing is left. */
    private List<ApiSentence> answers() {
        do {
            while (!work.isEmpty()) {
                work.poll().run();
            }
            ch.runPendingTasks();
        } while (!work.isEmpty());
        List<ApiSentence> out = new ArrayList<>();
        for (Object b; (b = ch.readOutbound()) != null; ) {
            replies.writeInbound(b);
        }
        for (Object s; (s = replies.readInbound()) != null; ) {
            out.add((ApiSentence) s);
        }
        return out;
    }

    private List<ApiSentence> call(String... words) {
        send(words);
        return answers();
    }

    private void login() {
        assertEquals(List.of(ApiSentence.of("!done")), call("/login", "=name=admin", "=password=secret"));
    }

    @Test
    void wrongCredentialsAnswerRouterOsWordsAndRightOnesLogIn() {
        assertEquals(List.of(ApiSentence.of("!trap", "=message=invalid user name or password (6)"), ApiSentence.of("!done")),
                call("/login", "=name=admin", "=password=wrong"));
        assertEquals(List.of(ApiSentence.of("!trap", "=message=invalid user name or password (6)"), ApiSentence.of("!done")),
                call("/login", "=name=admin", "=password=secret", "=password="), "the last password word counts as RouterOS reads it");
        login();
        assertTrue(ch.isOpen());
    }

    @Test
    void commandsAddPrintSetRemoveWithTagsOnEverySentence() {
        login();
        assertEquals(List.of(ApiSentence.of("!done", "=ret=*1", ".tag=a")),
                call("/ip/mac-server/add", "=name=s1", ".tag=a"));
        assertEquals(List.of(ApiSentence.of("!done", "=ret=*1")),
                call("/ip/mac-server/binding/add", "=mac-address=00:01:02:03:04:05", "=server=s1", "=comment=a=b"));
        call("/ip/mac-server/binding/add", "=mac-address=00:01:02:03:04:06", "=server=s1", "=disabled=yes");
        List<ApiSentence> printed = call("/ip/mac-server/binding/print", "=.proplist=.id,mac-address,comment",
                "?=disabled=no", ".tag=7");
        assertEquals(List.of(ApiSentence.of("!re", "=.id=*1", "=comment=a=b", "=mac-address=00:01:02:03:04:05", ".tag=7"),
                ApiSentence.of("!done", ".tag=7")), printed);
        assertEquals(List.of(ApiSentence.of("!done")), call("/ip/mac-server/binding/set", "=.id=*2", "=disabled=no"));
        assertEquals(2, call("/ip/mac-server/binding/getall", "?disabled=false").size() - 1);
        assertEquals(List.of(ApiSentence.of("!done", "=ret=2")), call("/ip/mac-server/binding/print", "=count-only="));
        assertEquals(List.of(ApiSentence.of("!done")), call("/ip/mac-server/binding/remove", "=.id=*1,*2"));
        assertEquals(List.of(ApiSentence.of("!done")), call("/ip/mac-server/binding/print"), "no !empty");
        assertEquals(List.of(ApiSentence.of("!re", "=name=MikroTik"), ApiSentence.of("!done")), call("/system/identity/print"));
        assertEquals(List.of(ApiSentence.of("!done")), call("/system/identity/set", "=name=r1"));
        assertEquals("=name=r1", call("/system/identity/getall").getFirst().words().get(1));
    }

    @Test
    void refusalsAreTrapsFollowedByDone() {
        login();
        assertEquals(List.of(ApiSentence.of("!trap", "=message=input does not match any value of server", ".tag=x"),
                ApiSentence.of("!done", ".tag=x")),
                call("/ip/mac-server/binding/add", "=mac-address=00:01:02:03:04:05", "=server=nope", ".tag=x"));
        assertEquals("=message=no such command or directory (print)", call("/ip/nothing/print").getFirst().words().get(1));
        assertEquals("=message=no such command or directory (frobnicate)", call("/ip/mac-server/frobnicate").getFirst().words().get(1));
        assertEquals("=message=listen is not supported (use print)", call("/ip/mac-server/listen").getFirst().words().get(1));
        assertEquals("=message=query words work with print only", call("/ip/mac-server/add", "?name=x").getFirst().words().get(1));
        assertEquals("=message=no such item", call("/ip/mac-server/remove", "=.id=*9").getFirst().words().get(1));
        assertEquals("=message=invalid query word #|", call("/ip/mac-server/print", "?#|").getFirst().words().get(1));
        assertEquals("=message=unknown parameter colour", call("/ip/mac-server/add", "=name=s", "=colour=red").getFirst().words().get(1));
        assertEquals(List.of(ApiSentence.of("!done")), call("/ip/mac-server/print"), "nothing of the refused commands was applied");
        assertEquals(List.of(ApiSentence.of("!done", ".tag=3")), call("/cancel", "=tag=1", ".tag=3"));
    }

    @Test
    void aUserWhoMayNoLongerUseTheApiIsCutOff() {
        login();
        assertEquals("!re", call("/system/identity/print").getFirst().first());
        allowed.remove("admin");
        assertEquals(List.of(ApiSentence.of("!fatal", "user admin may no longer use the API")), call("/system/identity/print"));
        assertFalse(ch.isOpen());
    }

    @Test
    void aSentenceWithAWordThatIsNotUtf8IsTrappedAndNothingChanges() {
        login();
        sendBytes(new byte[] {20, '/', 's', 'y', 's', 't', 'e', 'm', '/', 'i', 'd', 'e', 'n', 't', 'i', 't', 'y', '/', 's', 'e',
            't', 8, '=', 'n', 'a', 'm', 'e', '=', (byte) 0xFF, 'x', 6, '.', 't', 'a', 'g', '=', '9', 0});
        assertEquals(List.of(ApiSentence.of("!trap", "=message=word 2 is not UTF-8", ".tag=9"), ApiSentence.of("!done", ".tag=9")),
                answers());
        assertEquals(List.of(ApiSentence.of("!re", "=name=MikroTik"), ApiSentence.of("!done")), call("/system/identity/print"));
    }

    @Test
    void aReadGroupMayPrintButNotChange() {
        assertEquals(List.of(ApiSentence.of("!done")), call("/login", "=name=reader", "=password=readpw"));
        assertEquals(List.of(ApiSentence.of("!done")), call("/ip/mac-server/getall"));
        assertEquals("=message=not enough permissions (9)", call("/ip/mac-server/add", "=name=s").getFirst().words().get(1));
    }

    @Test
    void beforeLoginOnlyLoginAndQuitWorkAndTheThirdStrikeIsFatal() {
        assertEquals(List.of(ApiSentence.of("!trap", "=message=not logged in", ".tag=1"), ApiSentence.of("!done", ".tag=1")),
                call("/ip/mac-server/print", ".tag=1"));
        assertEquals("!trap", call("/login", "=name=admin", "=password=x").getFirst().first());
        assertEquals(List.of(ApiSentence.of("!fatal", "not logged in")), call("/system/identity/set", "=name=evil"));
        assertFalse(ch.isOpen());
        assertEquals("MikroTik", model.read(() -> model.table(model.schema().menu("system identity")).get(1)[0]));
    }

    @Test
    void quitAndBrokenFramingEndTheSessionWithFatal() {
        login();
        assertEquals(List.of(ApiSentence.of("!fatal", "session terminated on request")), call("/quit"));
        assertFalse(ch.isOpen());

        setUp2();
        sendBytes(new byte[] {(byte) 0xF8, 0});
        assertEquals(List.of(ApiSentence.of("!fatal", "bad length prefix 0xF8")), answers());
        assertFalse(ch.isOpen());
    }

    private void setUp2() {
        try {
            setUp();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aHalfSentWordIsCutOffAfterTheDeadline() {
        login();
        sendBytes(new byte[] {10, 'a', 'b'});
        ch.advanceTimeBy(29, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isOpen());
        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of(ApiSentence.of("!fatal", "sentence not completed within 30 s")), answers());
        assertFalse(ch.isOpen());
    }

    @Test
    void aConnectionThatDoesNotLogInIsClosed() {
        ch.advanceTimeBy(61, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of(ApiSentence.of("!fatal", "not logged in within 60 s")), answers());
        assertFalse(ch.isOpen());
    }

    @Test
    void aClientThatDoesNotReadIsNotServedUntilItDoes() {
        login();
        ch.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(1, 2));
        ch.write(io.netty.buffer.Unpooled.wrappedBuffer(new byte[64])); // unsent: empty sentences, once flushed
        assertFalse(ch.isWritable());
        send("/system/identity/print", ".tag=w");
        assertTrue(work.isEmpty(), "no command starts while the answers cannot go out");
        ch.flush();
        assertTrue(ch.isWritable());
        assertEquals(List.of(ApiSentence.of("!re", "=name=MikroTik", ".tag=w"), ApiSentence.of("!done", ".tag=w")), answers());
    }

    @Test
    void aFloodStopsReadingUntilItDrainsAndEveryCommandIsAnsweredInOrder() {
        login();
        for (int i = 0; i < 40; i++) {
            ch.writeOutbound(ApiSentence.of("/system/identity/print", ".tag=" + i));
        }
        io.netty.buffer.CompositeByteBuf all = io.netty.buffer.Unpooled.compositeBuffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.addComponent(true, b);
        }
        ch.writeInbound(all);
        assertFalse(ch.config().isAutoRead(), "a queue of 16 stops reading");
        List<ApiSentence> out = answers();
        assertTrue(ch.config().isAutoRead());
        assertEquals(80, out.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(".tag=" + i, out.get(2 * i + 1).words().getLast());
        }
    }
}
