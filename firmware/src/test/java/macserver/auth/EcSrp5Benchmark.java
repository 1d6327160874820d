package macserver.auth;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A plain timing loop (no JMH) for one scalar multiplication and one whole server login. Run with
 * {@code java -cp firmware/target/classes:firmware/target/test-classes macserver.auth.EcSrp5Benchmark}.
 */
public final class EcSrp5Benchmark {

    private EcSrp5Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        BigInteger[] scalars = new BigInteger[rounds];
        for (int i = 0; i < rounds; i++) {
            scalars[i] = EcSrp5ServerLogin.randomScalar(random);
        }
        timeMultiplications(scalars); // warm-up for the JIT
        System.out.printf("scalar multiplication: %.3f ms%n", timeMultiplications(scalars));

        EcSrp5Verifier verifier = EcSrp5Verifier.create("admin", "secret".toCharArray(), random);
        EcSrp5TestClient client = new EcSrp5TestClient("admin", "secret".toCharArray(), random);
        EcSrp5ServerLogin check = new EcSrp5ServerLogin(verifier, random);
        if (!check.verify(client.proof(check.serverKey(client.publicKey())))) {
            throw new IllegalStateException("benchmark login failed");
        }
        int logins = Math.max(1, rounds / 10);
        byte[] wrongProof = new byte[EcSrp5ServerLogin.PROOF_LENGTH];
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            for (int i = 0; i < logins; i++) {
                // A wrong proof costs the server exactly as much as a right one.
                EcSrp5ServerLogin login = new EcSrp5ServerLogin(verifier, random);
                login.serverKey(client.publicKey());
                login.verify(wrongProof);
            }
            double millis = (System.nanoTime() - start) / 1e6 / logins;
            System.out.printf("server login (key + proof check) pass %d: %.3f ms%n", pass, millis);
        }
        FakeVerifiers fakes = new FakeVerifiers(random);
        timeFakeVerifiers(fakes, rounds);
        System.out.printf("fake verifier for an unknown user: %.3f ms%n", timeFakeVerifiers(fakes, rounds));
    }

    private static double timeFakeVerifiers(FakeVerifiers fakes, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            fakes.forUnknownUser("ghost" + i);
        }
        return (System.nanoTime() - start) / 1e6 / count;
    }

    private static double timeMultiplications(BigInteger[] scalars) {
        long start = System.nanoTime();
        EcPoint sink = EcSrp5Curve.G;
        for (BigInteger scalar : scalars) {
            sink = EcSrp5Curve.multiply(scalar, EcSrp5Curve.G);
        }
        if (sink.isInfinity()) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e6 / scalars.length;
    }
}
