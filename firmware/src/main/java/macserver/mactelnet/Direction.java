package macserver.mactelnet;

/**
 * Who wrote a MAC-Telnet header. The session key and the client type swap places with the
 * direction: a client writes the key at offset 14, a server at offset 16.
 */
public enum Direction {
    CLIENT_TO_SERVER(14, 16),
    SERVER_TO_CLIENT(16, 14);

    final int keyOffset;
    final int clientTypeOffset;

    Direction(int keyOffset, int clientTypeOffset) {
        this.keyOffset = keyOffset;
        this.clientTypeOffset = clientTypeOffset;
    }
}
