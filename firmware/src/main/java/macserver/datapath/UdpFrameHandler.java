package macserver.datapath;

/** Gets every UDP frame the kernel filter lets through (ports 20561 and 5678), on the receive thread. */
@FunctionalInterface
public interface UdpFrameHandler {
    void onFrame(UdpFrame frame, FrameSender sender);
}
