package macserver.system.api;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import me.legrange.mikrotik.ApiConnection;
import me.legrange.mikrotik.MikrotikApiException;

/**
 * me.legrange:mikrotik (mikrotik-java) as a Java operator uses it: login over api-ssl, an add, and
 * a print with a {@code where} query. A main, because the test runs it inside the client network
 * namespace ({@code ip netns exec ... java -cp <test class path> ...}).
 * usage: MikrotikJavaSession HOST PORT PASSWORD; one line per step, non-zero exit on a surprise.
 */
public final class MikrotikJavaSession {
    private MikrotikJavaSession() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        // The router's certificate is its own self-signed one (what curl -k accepts in the REST tests).
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (ApiConnection api = ApiConnection.connect(tls.getSocketFactory(), host, port, 10_000)) {
            try {
                api.login("admin", "wrong");
                fail("a wrong password was accepted");
            } catch (MikrotikApiException e) {
                System.out.println("login refused: " + e.getMessage());
            }
        }
        try (ApiConnection api = ApiConnection.connect(tls.getSocketFactory(), host, port, 10_000)) {
            api.login("admin", args[2]);
            System.out.println("logged in over TLS");
            api.execute("/ip/mac-server/add name=java");
            api.execute("/ip/mac-server/binding/add mac-address=00:0a:00:00:00:01 server=java comment=first");
            api.execute("/ip/mac-server/binding/add mac-address=00:0a:00:00:00:02 server=java comment=second");
            List<Map<String, String>> rows = api.execute(
                    "/ip/mac-server/binding/print where comment=second return mac-address,comment");
            System.out.println("where: " + rows);
            if (rows.size() != 1 || !"00:0A:00:00:00:02".equalsIgnoreCase(rows.getFirst().get("mac-address"))) {
                fail("the where query answered " + rows);
            }
            List<Map<String, String>> identity = api.execute("/system/identity/print");
            System.out.println("identity: " + identity);
        }
        System.out.println("done");
    }

    private static void fail(String why) {
        System.out.println("FAILED: " + why);
        System.exit(1);
    }
}
