package macserver.mactelnet;

/** The type byte of a control block inside a DATA payload, plus the reader's marker for raw bytes. */
public final class ControlType {
    /** Not a wire value: the raw terminal bytes that follow the last control block. */
    public static final int PLAINDATA = -1;
    public static final int BEGINAUTH = 0;
    public static final int PASSSALT = 1;
    public static final int PASSWORD = 2;
    public static final int USERNAME = 3;
    public static final int TERM_TYPE = 4;
    public static final int TERM_WIDTH = 5;
    public static final int TERM_HEIGHT = 6;
    public static final int PACKET_ERROR = 7;
    public static final int END_AUTH = 9;

    private ControlType() {
    }
}
