package macserver.mactelnet;

/**
 * An MD5 login for the host to check remotely (RADIUS CHAP): everything the check needs, and
 * nothing that would let the router learn the password.
 *
 * @param user the user name, already cut at the first '+'
 * @param salt the 16-byte salt this server sent
 * @param response the client's 17-byte PASSWORD value
 */
public record RemoteLogin(long clientMac, int serverId, String user, byte[] salt, byte[] response) {
    public RemoteLogin {
        salt = salt.clone();
        response = response.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] response() {
        return response.clone();
    }
}
